package graph

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/knakk/rdf"

	"github.com/newskg/newskg/extract"
)

// FuzzLoad loads arbitrary bytes as N-Quads, N-Triples and Turtle into a
// memory store: a clear error or a load, never a panic, and a refused
// file leaves the store as it was.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"", "<http://e/a> <http://e/b> <http://e/c> .\n", "<http://e/a> <http://e/b> \"x\"@sr-Latn-RS <http://e/g> .\n",
		"@prefix ex: <http://example.org/> .\nex:a ex:b [ ex:c ex:d ] .\n", "ex:a ex:b ( 1 2 .", "<a> <b> <c> .",
		"<http://e/a> <http://e/b> \"o\"@en-- .", "_:b <http://e/p> \"\\u0000\" .",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []Format{NQuads, NTriples, Turtle} {
			s := OpenMemory(nil)
			_, err := s.Load(context.Background(), bytes.NewReader(data), format, "fuzz", "", "http://example.org/g")
			if err != nil {
				if n, _ := s.Size(context.Background()); n != 0 {
					t.Fatalf("%s: refused (%v) but %d quads loaded", format, err, n)
				}
			}
			s.Close()
		}
	})
}

// FuzzMintAndWrite mints IRIs from arbitrary article ids and names and
// writes a document holding arbitrary text: every IRI is valid, and the
// N-Triples written read back whole with an independent parser.
func FuzzMintAndWrite(f *testing.F) {
	f.Add("trump-lavrov", "Donald Trump", "He said \"quote\" and \\ back\nslash")
	f.Add("../escape", "São Paulo — 北京", "😀\t\r")
	f.Add("a b#c?d", "", "\x00")
	f.Fuzz(func(t *testing.T, id, name, text string) {
		if !utf8.ValidString(id) || !utf8.ValidString(name) || !utf8.ValidString(text) || id == "" || name == "" {
			return // the readers refuse these before minting
		}
		var m Minter
		for _, s := range []string{m.Article(id), m.Entity(extract.Person, name), m.LocalEntity(id, extract.Organisation, name)} {
			if !validIRI(s) {
				t.Fatalf("minted %q, not a valid IRI", s)
			}
		}
		doc := &extract.Document{Article: extract.Article{ID: id, Text: text, Title: text},
			Entities: []extract.Entity{{Type: extract.Person, Name: name, Aliases: []string{text}, Nationality: -1}}}
		ts := m.Triples(doc)
		var buf bytes.Buffer
		if err := WriteTriples(&buf, NTriples, ts, ""); err != nil {
			t.Fatal(err)
		}
		dec := rdf.NewTripleDecoder(strings.NewReader(buf.String()), rdf.NTriples)
		n := 0
		for {
			_, err := dec.Decode()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("the written N-Triples do not parse: %v\n%s", err, buf.String())
			}
			n++
		}
		if n != len(ts) {
			t.Fatalf("wrote %d triples, read back %d", len(ts), n)
		}
	})
}
