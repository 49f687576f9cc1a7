package extract

import (
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
