package extract

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestFinalPeriods checks that a word ending a sentence loses its period
// to a token of its own, and that abbreviations keep theirs.
func TestFinalPeriods(t *testing.T) {
	x := extractor(t)
	for text, want := range map[string]string{
		`"We are ready," said John Doe. He left.`:               `" We are ready , " said John Doe . He left .`,
		"He met Jane Roe.\n\nShe left.":                         "He met Jane Roe . She left .",
		"He met Roe Inc. and U.S. officials in Washington D.C.": "He met Roe Inc. and U.S. officials in Washington D.C.",
		`"We left," said Jane Roe." He left.`:                   `" We left , " said Jane Roe . " He left .`,
	} {
		r, err := x.readUpToEvents(context.Background(), Article{ID: "t", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tk := range r.toks {
			if text[tk.Start:tk.End] != tk.Text {
				t.Fatalf("%q: token %q at %d:%d", text, tk.Text, tk.Start, tk.End)
			}
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%q:\n got %s\nwant %s", text, g, want)
		}
	}
}

// TestCompoundParts: a name written into a compound is cut out of it.
func TestCompoundParts(t *testing.T) {
	for w, want := range map[string][]string{
		"Brussels-based":       {"Brussels", "-", "based"},
		"United-States-born":   {"United-States", "-", "born"},
		"Afghanistan/Pakistan": {"Afghanistan", "/", "Pakistan"},
		"AC/DC":                nil,
		"well-based":           nil,
		"Anglo-Saxon":          nil,
		"Utopia/":              nil,
	} {
		if got := compoundParts(w); !slices.Equal(got, want) {
			t.Errorf("compoundParts(%q) = %q, want %q", w, got, want)
		}
	}
}
