package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/newskg/newskg/ontology"
)

// TestPrefixScan: a walk to the subjects of a fixed object and predicate
// (g.V(x).In(p)) scans the [object, predicate] prefix of the store's
// [object, predicate, subject] index, and answers what Cayley's own
// optimiser answers.
func TestPrefixScan(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range devDocs(t)[:5] {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	ps, ok := s.qs.(prefixStore)
	if !ok {
		t.Fatalf("store is a %T, want prefixStore", s.qs)
	}
	// the most named speaker
	var speaker quad.IRI
	most := -1
	rows, err := s.QueryValues(ctx, `g.V().Has("<`+ontology.Type+`>", "<`+ontology.Claim+`>").Out("<`+ontology.Speaker+`>").All()`, QueryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	count := map[quad.IRI]int{}
	for _, r := range rows {
		iri, _ := r.Values["id"].(quad.IRI)
		if count[iri]++; count[iri] > most {
			speaker, most = iri, count[iri]
		}
	}
	if most < 2 {
		t.Fatalf("no speaker with two claims among %d rows", len(rows))
	}
	p := path.StartPath(s.qs, speaker).In(quad.IRI(ontology.Speaker))
	opt, _ := shape.Optimize(ctx, p.Shape(), s.qs)
	if got := fmt.Sprintf("%#v", opt); !containsScan(opt) {
		t.Errorf("In(speaker) optimised to %s, want a prefix scan", got)
	}
	walk := func() []string {
		var out []string
		q := fmt.Sprintf(`g.V("%s").In("<%s>").All()`, speaker, ontology.Speaker)
		res, err := s.QueryValues(ctx, q, QueryOptions{Timeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			out = append(out, r.Values["id"].String())
		}
		slices.Sort(out)
		return out
	}
	ours := walk()
	s.qs = ps.QuadStore // Cayley's own optimiser
	theirs := walk()
	s.qs = ps
	if len(ours) != most || !slices.Equal(ours, theirs) {
		t.Errorf("claims of %s: prefix scan %d %v, Cayley %d %v, want %d", speaker, len(ours), ours, len(theirs), theirs, most)
	}
}

// TestOptimiserAnswersAsCayley runs walks of every shape the optimiser
// rewrites (fixed prefixes, a predicate from a set of nodes either way,
// two hops, tags, counts) on the store with and without it: the same
// rows, and the rewrites are used.
func TestOptimiserAnswersAsCayley(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range devDocs(t) {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	sameAsCayley(t, s, optimiserWalks(), "")
	// the rewrites are in the plans
	p := path.StartPath(s.qs).Has(quad.IRI(ontology.Type), quad.IRI(ontology.Claim)).Out(quad.IRI(ontology.Speaker))
	if opt, _ := shape.Optimize(ctx, p.Shape(), s.qs); !containsScan(opt) {
		t.Errorf("claims' speakers optimised to %#v, want a link scan", opt)
	}
}

func containsScan(s shape.Shape) bool {
	switch s := s.(type) {
	case indexScan, linkScan:
		return true
	case shape.NodesFrom:
		return containsScan(s.Quads)
	}
	return false
}

// optimiserWalks are Gizmo walks of every shape prefixStore plans itself.
func optimiserWalks() []string {
	claim, speaker, text, part := "<"+ontology.Claim+">", "<"+ontology.Speaker+">", "<"+ontology.ClaimText+">", "<"+ontology.Participant+">"
	typ := "<" + ontology.Type + ">"
	return []string{
		`g.V().Has("` + typ + `", "` + claim + `").Out("` + speaker + `").All()`,
		`g.V().Has("` + typ + `", "` + claim + `").Tag("c").Out("` + speaker + `").In("` + speaker + `").Out("` + text + `").All()`,
		`g.emit(g.V().Has("` + typ + `", "` + claim + `").Out("` + speaker + `").In("` + speaker + `").Count())`,
		`g.V().In("` + part + `").Out("` + part + `").All()`,
		`g.V().Has("` + typ + `", "<` + ontology.NS + "Meeting" + `>").Tag("m").Out("` + part + `").Tag("p").In("` + part + `").Out("` + part + `").All()`,
		`g.emit(g.V().Has("` + typ + `", "` + claim + `").Out("` + text + `").Count())`,
		`g.V().Has("` + typ + `", "` + claim + `").Save("` + text + `", "t").Out("` + speaker + `").All()`,
	}
}

// sameAsCayley runs each query on s twice (the second time from the log
// cache the first filled) and once with Cayley's own optimiser and reads,
// and reports rows that differ, or none at all. when says at which step
// of a test the queries ran.
func sameAsCayley(t *testing.T, s *Store, queries []string, when string) {
	t.Helper()
	ctx := context.Background()
	ps, ok := s.qs.(prefixStore)
	if !ok {
		t.Fatalf("store is a %T, want prefixStore", s.qs)
	}
	rowsOf := func(q string) []string {
		res, err := s.Query(ctx, q, QueryOptions{Timeout: time.Minute})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var out []string
		for _, r := range res {
			out = append(out, fmt.Sprint(r))
		}
		slices.Sort(out)
		return out
	}
	for _, q := range queries {
		cold := rowsOf(q)
		cached := rowsOf(q)
		s.qs = ps.QuadStore
		theirs := rowsOf(q)
		s.qs = ps
		if !slices.Equal(cold, theirs) || len(cold) == 0 {
			t.Errorf("%s%s: ours %d rows, Cayley %d; %s", when, q, len(cold), len(theirs), firstOnlyIn(cold, theirs))
		}
		if !slices.Equal(cached, theirs) {
			t.Errorf("%s%s, run again: ours %d rows, Cayley %d; %s", when, q, len(cached), len(theirs), firstOnlyIn(cached, theirs))
		}
	}
}

// firstOnlyIn names the first row of sorted ours or theirs that the
// other lacks.
func firstOnlyIn(ours, theirs []string) string {
	for _, r := range ours {
		if _, found := slices.BinarySearch(theirs, r); !found {
			return fmt.Sprintf("only ours: %.200s", r)
		}
	}
	for _, r := range theirs {
		if _, found := slices.BinarySearch(ours, r); !found {
			return fmt.Sprintf("only Cayley's: %.200s", r)
		}
	}
	return "the same rows, counted differently"
}
