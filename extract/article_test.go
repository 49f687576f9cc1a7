package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWalkRefusesDuplicateIDs: a second article with an id read before in
// the same walk and other content is an input error naming both places, in
// one file and across files; the first is kept. The same article again is
// passed over.
func TestWalkRefusesDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	os.WriteFile(a, []byte(`{"id":"x","text":"One."}`+"\n"+`{"id":"y","text":"Two."}`+"\n"+`{"id":"x","text":"Three."}`+"\n"+`{"id":"y","text":"Two."}`+"\n"), 0o644)
	b := filepath.Join(dir, "y.txt")
	os.WriteFile(b, []byte("Four."), 0o644)
	var ids, errs []string
	err := (&Walker{}).Walk(context.Background(), []string{a, b}, func(ar Article, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
			return nil
		}
		ids = append(ids, ar.ID+"="+ar.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, " ") != "x=One. y=Two." {
		t.Errorf("articles %q, want x and y once each", ids)
	}
	if len(errs) != 2 || !strings.Contains(errs[0], "a.jsonl:3") || !strings.Contains(errs[0], "a.jsonl:1") ||
		!strings.Contains(errs[1], "y.txt") || !strings.Contains(errs[1], "a.jsonl:2") {
		t.Errorf("errors %q, want one naming a.jsonl:3 and a.jsonl:1, one naming y.txt and a.jsonl:2", errs)
	}
}

// TestLongIDsAndDuplicateKeys: an id above MaxIDBytes and a front matter
// key given twice are input errors with file and line.
func TestLongIDsAndDuplicateKeys(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.jsonl")
	os.WriteFile(long, []byte(`{"id":"`+strings.Repeat("x", MaxIDBytes+1)+`","text":"One."}`+"\n"), 0o644)
	var got []error
	(&Walker{}).Walk(context.Background(), []string{long}, func(_ Article, err error) error { got = append(got, err); return nil })
	var ie *InputError
	if len(got) != 1 || !errors.As(got[0], &ie) || ie.Line != 1 || !strings.Contains(ie.Error(), "more than 1024") {
		t.Errorf("long id: %v", got)
	}
	_, err := ParseText("t.txt", []byte("---\ntitle: A\ndate: 2020-01-02\ntitle: B\n---\nText."))
	if !errors.As(err, &ie) || ie.Line != 4 || !strings.Contains(err.Error(), "first on line 2") {
		t.Errorf("duplicate key: %v", err)
	}
}

// TestMaxArticleBytes: an article longer than the walker's limit is an
// input error naming it and its size; the others pass.
func TestMaxArticleBytes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(p, []byte(`{"id":"big","text":"`+strings.Repeat("Word. ", 100)+`"}`+"\n"+`{"id":"small","text":"One."}`+"\n"), 0o644)
	var ids, errs []string
	(&Walker{MaxArticleBytes: 100}).Walk(context.Background(), []string{p}, func(a Article, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
		} else {
			ids = append(ids, a.ID)
		}
		return nil
	})
	if strings.Join(ids, " ") != "small" || len(errs) != 1 || !strings.Contains(errs[0], `"big" of 600 bytes`) || !strings.Contains(errs[0], "a.jsonl:1") {
		t.Errorf("articles %q, errors %q", ids, errs)
	}
}

// TestParseDateFeedForms: the dates feeds write give their calendar day.
func TestParseDateFeedForms(t *testing.T) {
	for _, s := range []string{"2019-12-11", "2019-12-11T08:00:00Z", "Wed, 11 Dec 2019 10:00:00 GMT",
		"Wed, 11 Dec 2019 23:30:00 -0500", "Wed, 11 Dec 2019 10:00:00 +0100"} {
		d, err := ParseDate(s)
		if err != nil || d.Format("2006-01-02") != "2019-12-11" {
			t.Errorf("%q: %v %v", s, d, err)
		}
	}
	if _, err := ParseDate("11/12/2019"); err == nil {
		t.Error("an ambiguous date was accepted")
	}
}
