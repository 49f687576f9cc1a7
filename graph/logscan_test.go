package graph

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
)

// TestQuadsFromLogAsCayley: Store.Quads, which reads the log in one pass,
// gives the quads Cayley's all-quads iterator gives, after articles were
// added, replaced (their shared entity facts kept) and removed, with the
// value cache large and with it too small to hold a quad's values.
func TestQuadsFromLogAsCayley(t *testing.T) {
	ctx := context.Background()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs := devDocs(t)
	var graphs []string
	for _, d := range docs[:5] {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		g, _ := s.minter.DocumentQuads(d)
		graphs = append(graphs, g)
	}
	g, qs := s.minter.DocumentQuads(docs[1])
	if err := s.ReplaceGraph(ctx, g, qs[:len(qs)/2]); err != nil { // half its quads go
		t.Fatal(err)
	}
	if n, err := s.RemoveGraph(ctx, graphs[2]); err != nil || n == 0 {
		t.Fatalf("remove %s: %d quads, %v", graphs[2], n, err)
	}
	var want []string
	err = iterator.Iterate(ctx, s.qs.QuadsAllIterator()).Each(func(r refs.Ref) error {
		q, err := s.qs.Quad(r)
		want = append(want, q.String())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	ps := s.qs.(prefixStore)
	for _, max := range []int{logValueCache, 3} {
		var got []string
		if err := quadsFromLog(ctx, ps.db, max, func(q quad.Quad) error { got = append(got, q.String()); return nil }); err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("cache of %d values: %d quads, Cayley's iterator %d", max, len(got), len(want))
		}
	}
	if len(want) < 100 {
		t.Errorf("only %d quads", len(want))
	}
}
