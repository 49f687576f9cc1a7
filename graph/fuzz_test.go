package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"github.com/cayleygraph/quad"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// FuzzVerifyPages damages a whole store file at the places the input
// names (32-bit offsets, and a byte to write there) and checks that the
// page walk never panics and only ever reports ErrDamaged (it is what
// stands between bolt and a damaged file), and that a store it passes
// reads every quad or reports ErrDamaged.
func FuzzVerifyPages(f *testing.F) {
	dir := f.TempDir()
	s, err := Open(filepath.Join(dir, "kg.db"), nil)
	if err != nil {
		f.Fatal(err)
	}
	x, err := extract.New()
	if err != nil {
		f.Fatal(err)
	}
	doc, err := x.Extract(context.Background(), extract.Article{ID: "a", Text: "Jo Roe met Bob Doe in Paris on Monday. \"We agreed,\" Roe said."})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := s.AddDocument(context.Background(), doc); err != nil {
		f.Fatal(err)
	}
	s.Close()
	whole, err := os.ReadFile(boltFile(filepath.Join(dir, "kg.db")))
	if err != nil {
		f.Fatal(err)
	}
	// seeds: the page headers and first elements of the pages in use
	for _, off := range []uint32{16, 4096 + 16, 2*4096 + 8, 3*4096 + 10, 4*4096 + 16, 5*4096 + 24} {
		f.Add(binary.LittleEndian.AppendUint32(nil, off), byte(0xff))
	}
	f.Fuzz(func(t *testing.T, at []byte, b byte) {
		bad := bytes.Clone(whole)
		for len(at) >= 4 {
			off := binary.LittleEndian.Uint32(at) % uint32(len(bad))
			bad[off] = b
			b = b*31 + 7 // another byte for the next place
			at = at[4:]
		}
		p := filepath.Join(t.TempDir(), "indexes.bolt")
		if err := os.WriteFile(p, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		err := verifyBoltPages(p, time.Second)
		if err != nil && !errors.Is(err, ErrDamaged) {
			t.Fatalf("not ErrDamaged: %v", err)
		}
		if err == nil {
			if _, err := inspectBoltFile(p); err == nil {
				// pages whole, values maybe not: reading every quad gives the
				// quads or ErrDamaged, never a panic
				if s, err := Open(filepath.Dir(p), &Options{ReadOnly: true}); err == nil {
					err := s.Quads(context.Background(), func(quad.Quad) error { return nil })
					s.Close()
					if err != nil && !errors.Is(err, ErrDamaged) {
						t.Fatalf("reading the quads, not ErrDamaged: %v", err)
					}
				}
			}
		}
		if _, err := inspectBoltFile(p); err != nil && !errors.Is(err, ErrDamaged) {
			t.Fatalf("meta check, not ErrDamaged: %v", err)
		}
	})
}
