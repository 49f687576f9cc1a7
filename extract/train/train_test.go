package train

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/eval"
)

// trainDir is the shared annotated training set, beside the repository.
var trainDir = filepath.Join("..", "..", "..", "shared", "eval", "train")

func needData(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no annotated articles at %s", dir)
	}
}

// TestShippedModelIsReproducible retrains the tagger from the committed
// data as `newskg train` does and checks that the model built into the
// program is exactly that one.
func TestShippedModelIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	needData(t, trainDir)
	docs, err := Load([]string{trainDir})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Model(context.Background(), docs, "train", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := extract.ShippedModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Fingerprint() != shipped.Fingerprint() {
		var b bytes.Buffer
		m.WriteTo(&b)
		t.Fatalf("the shipped model (%s, %q) is not the one training makes from the committed data (%s, %d bytes, %q): "+
			"run newskg train --out extract/data/ner.model ../shared/eval/train", shipped.Fingerprint(), shipped.Meta, m.Fingerprint(), b.Len(), m.Meta)
	}
}

// TestProjection checks that gold names land on the tokens where they
// stand, titles left out.
func TestProjection(t *testing.T) {
	x, err := extract.NewWithModel(nil)
	if err != nil {
		t.Fatal(err)
	}
	a := extract.Article{ID: "t", Text: "Detective Constable Jane Roe of the Foo Bank spoke in Smalltown. Roe left."}
	g := &eval.Gold{Entities: []eval.GoldEntity{
		{ID: "roe", Type: "Person", Name: "Jane Roe", Aliases: []string{"Detective Constable Jane Roe", "Roe"}},
		{ID: "bank", Type: "Organisation", Name: "Foo Bank"},
		{ID: "town", Type: "Place", Name: "Smalltown"},
	}}
	sents, err := x.TrainingSentences(context.Background(), a, names(g))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sents {
		for _, sp := range s.Spans {
			text := ""
			for k := sp.Start; k < sp.End; k++ {
				if k > sp.Start {
					text += " "
				}
				text += s.Tokens[k].Text
			}
			got = append(got, sp.Type+":"+text)
		}
	}
	want := []string{"PER:Jane Roe", "ORG:Foo Bank", "LOC:Smalltown", "PER:Roe"}
	if len(got) != len(want) {
		t.Fatalf("spans %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("spans %v, want %v", got, want)
		}
	}
}
