package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract extracts arbitrary text: no panic, and every span the
// document holds is the text at its offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", "A", "\"", "“”", "The G7, or the Group of Seven, will meet.",
		"Jane Roe QC said \"it is done.\" — Roe", "(“A”) said, according to, \n\n“B",
		"Mr. D'Souza of the Foo Bank, who said \"x\", flew to Paris on Monday.",
	} {
		f.Add(s)
	}
	if names, _ := filepath.Glob("../testdata/articles/*.txt"); len(names) > 0 {
		if b, err := os.ReadFile(names[0]); err == nil {
			f.Add(string(b))
		}
	}
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // articles are read as UTF-8 and refused otherwise
		}
		d, err := x.Extract(context.Background(), Article{ID: "fuzz", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if err := spanError(d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzReadInput reads arbitrary bytes as a text article with front matter
// and as JSON Lines: a clear error or articles, never a panic, and every
// article read is UTF-8 with an id.
func FuzzReadInput(f *testing.F) {
	for _, s := range []string{
		"", "---\ndate: 2019-12-11\n---\nText.", "---\ntitle: A #hashtag\nurl: http://x/#f\n---\nBody",
		"---\ndate: 2019-12-11\ndate: 2019-12-12\n---\nx", "---\nunterminated", "\xff\xfe",
		`{"id":"a","text":"Jo Roe said."}` + "\n" + `{"id":"a","text":"other"}`, `{"id":"b","text":1}`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(a Article) error {
			if a.ID == "" || !utf8.ValidString(a.Text) {
				t.Fatalf("article %q: empty id or text not UTF-8", a.ID)
			}
			return nil
		}
		if a, err := ParseText("fuzz.txt", data); err == nil {
			check(a)
		}
		_ = ReadJSONL("fuzz.jsonl", bytes.NewReader(data), check)
	})
}
