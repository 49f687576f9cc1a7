package train

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/extract/eval"
)

// sharedDir is the shared material beside the repository, and trainDir
// its annotated training set.
var (
	sharedDir = filepath.Join("..", "..", "..", "shared")
	trainDir  = filepath.Join(sharedDir, "eval", "train")
)

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
	var extra []SpanDoc
	remake := "run newskg train --out extract/data/ner.model --triggers extract/data/triggers.tsv --events extract/data/events.model"
	for _, p := range ShippedExtras {
		d, err := ReadCorpus(filepath.Join(sharedDir, p))
		if err != nil {
			t.Fatal(err)
		}
		extra = append(extra, d...)
		remake += " --extra ../shared/" + p
	}
	remake += " ../shared/eval/train"
	l, err := Learn(context.Background(), docs, extra, "train", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := extract.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if l.Tagger.Fingerprint() != shipped.Tagger.Fingerprint() {
		t.Errorf("the shipped tagger (%s, %q) is not the one training makes from the committed data (%s, %q): %s",
			shipped.Tagger.Fingerprint(), shipped.Tagger.Meta, l.Tagger.Fingerprint(), l.Tagger.Meta, remake)
	}
	if l.Events.Fingerprint() != shipped.Events.Fingerprint() {
		t.Errorf("the shipped event model (%s) is not the one training makes from the committed data (%s): %s",
			shipped.Events.Fingerprint(), l.Events.Fingerprint(), remake)
	}
	var got, want bytes.Buffer
	l.Triggers.WriteTo(&got)
	shipped.Triggers.WriteTo(&want)
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("the shipped event triggers are not the ones training learns from the committed data: %s", remake)
	}
	if len(l.Triggers) < 20 {
		t.Errorf("only %d triggers learnt from %d articles", len(l.Triggers), len(docs))
	}
}

// TestProjection checks that gold names land on the tokens where they
// stand, titles left out.
func TestProjection(t *testing.T) {
	x, err := extract.NewWith(extract.Learned{})
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

// TestReadIOB2 reads a small corpus and checks the mentions' positions.
func TestReadIOB2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.iob2")
	data := "# newdoc id = d1\n# text = Jane Roe flew to New York.\n" +
		"1\tJane\tB-PER\n2\tRoe\tI-PER\n3\tflew\tO\n4\tto\tO\n5\tNew\tB-LOC\n6\tYork\tI-LOC\n7\t.\tO\n\n" +
		"# text = Acme Corp hired her.\n1\tAcme\tB-ORG\n2\tCorp\tI-ORG\n3\thired\tO\n4\ther\tB-OTH\n5\t.\tO\n\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := ReadIOB2(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d := docs[0]
	var got []string
	for _, s := range d.Spans {
		got = append(got, string(s.Type)+":"+d.Article.Text[s.Start:s.End])
	}
	want := "Person:Jane Roe Place:New York Organisation:Acme Corp"
	if strings.Join(got, " ") != want {
		t.Fatalf("mentions %q, want %q (text %q)", strings.Join(got, " "), want, d.Article.Text)
	}
	bad := filepath.Join(t.TempDir(), "bad.iob2")
	os.WriteFile(bad, []byte("# text = a b\n1\tzzz\tO\n"), 0o644)
	if _, err := ReadIOB2(bad); err == nil || !strings.Contains(err.Error(), "bad.iob2:2") {
		t.Errorf("a token missing from its text: error %v, want one naming bad.iob2:2", err)
	}
}

// TestReadCoNLL reads a small corpus in Wikigold's layout (IO tags, no
// B-) through ReadCorpus and checks the mentions and the rebuilt text.
func TestReadCoNLL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.conll")
	data := "-DOCSTART- O\n\nJane I-PER\nRoe I-PER\nflew O\nto O\nNew I-LOC\nYork I-LOC\n. O\n\n" +
		"Acme I-ORG\nCorp I-ORG\nhired O\nJapanese I-MISC\nstaff O\n. O\n\n-DOCSTART- O\n\nRome I-LOC\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := ReadCorpus(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	d := docs[0]
	if want := "Jane Roe flew to New York .\n\nAcme Corp hired Japanese staff ."; d.Article.Text != want {
		t.Errorf("text %q, want %q", d.Article.Text, want)
	}
	var got []string
	for _, s := range d.Spans {
		got = append(got, string(s.Type)+":"+d.Article.Text[s.Start:s.End])
	}
	if want := "Person:Jane Roe Place:New York Organisation:Acme Corp"; strings.Join(got, " ") != want {
		t.Errorf("mentions %q, want %q", strings.Join(got, " "), want)
	}
	bad := filepath.Join(t.TempDir(), "bad.conll")
	os.WriteFile(bad, []byte("Jane I-PER\nRoe\n"), 0o644)
	if _, err := ReadCorpus(bad); err == nil || !strings.Contains(err.Error(), "bad.conll:2") {
		t.Errorf("a line without a tag: error %v, want one naming bad.conll:2", err)
	}
}
