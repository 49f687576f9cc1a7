package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/boltdb/bolt"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"google.golang.org/protobuf/proto"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/internal/boltkv"
)

// openCayleyWriter opens a new bolt store that writes through Cayley's
// own writer (kv.QuadStore.ApplyDeltas), as every batch did before
// internal/kvwrite.
func openCayleyWriter(t *testing.T) *Store {
	t.Helper()
	s := openBoltTemp(t)
	s.writer = nil
	return s
}

// rawStore lists every entry of a bolt store's file, bucket by bucket,
// with log entries decoded and their timestamps left out (each writer
// stamps its own time); with refs false, the reference counts (n…
// buckets) are left out too.
func rawStore(t *testing.T, s *Store, refs bool) []string {
	t.Helper()
	db := s.qs.(prefixStore).db.(*boltkv.DB).Bolt()
	var out []string
	err := db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if name[0] == 'n' && len(name) == 3 && !refs {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				val := fmt.Sprintf("%x", v)
				if string(name) == "log" {
					var p cproto.Primitive
					if err := proto.Unmarshal(v, &p); err != nil {
						return fmt.Errorf("log %x: %w", k, err)
					}
					p.Timestamp = 0
					val = fmt.Sprintf("%d %d %d %d del=%v %q", p.Subject, p.Predicate, p.Object, p.Label, p.Deleted, p.Value)
				}
				out = append(out, fmt.Sprintf("%q %x = %s", name, k, val))
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// refCounts checks that every value's reference count (n… buckets) is
// the number of quad directions of live quads that use it, and that no
// value is kept that no quad uses.
func refCounts(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	uses := map[string]int{}
	if err := s.Quads(ctx, func(q quad.Quad) error {
		for _, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				uses[string(quad.HashOf(v))]++
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db := s.qs.(prefixStore).db.(*boltkv.DB).Bolt()
	counted := 0
	err := db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if name[0] != 'n' || len(name) != 3 {
				return nil
			}
			return b.ForEach(func(k, v []byte) error {
				n, _ := binary.Uvarint(v)
				if int(n) != uses[string(k)] {
					t.Errorf("value %x: reference count %d, used %d times", k, n, uses[string(k)])
				}
				counted++
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if counted != len(uses) {
		t.Errorf("%d values counted, %d used", counted, len(uses))
	}
}

// TestWriterWritesCayleysLayout writes the same batches (articles added,
// replaced by changed versions, removed) into a store written by Cayley's
// writer and one written by newskg's (internal/kvwrite), and compares the
// two files entry by entry: the same ids, log entries, value entries and
// index lists, so that Cayley reads what newskg writes as its own.
// Reference counts are compared where Cayley counts right (batches that
// only add distinct quads); after replacements and removals newskg's must
// equal the uses of each value.
func TestWriterWritesCayleysLayout(t *testing.T) {
	docs := devDocs(t)
	ctx := context.Background()
	changed := func(d *extract.Document, drop int) *extract.Document {
		c := *d
		switch drop {
		case 0:
			c.Claims = nil
		case 1:
			c.Events = nil
		default:
			c.Article.Title += " (updated)"
		}
		return &c
	}
	type step struct {
		name   string
		put    []*extract.Document
		remove []string
		refs   bool // Cayley's counts are right: compare them too
	}
	steps := []step{
		{name: "add four articles", put: docs[:4], refs: true},
		{name: "add three, change a title", put: []*extract.Document{docs[4], docs[5], docs[6], changed(docs[2], 2)}},
		{name: "replace two, remove one", put: []*extract.Document{changed(docs[2], 0), changed(docs[3], 1)}, remove: []string{docs[0].Article.ID}},
	}
	cayley, ours := openCayleyWriter(t), openBoltTemp(t)
	if ours.writer == nil {
		t.Fatal("a new bolt store has no kvwrite.Writer")
	}
	for _, st := range steps {
		for _, s := range []*Store{cayley, ours} {
			b := s.NewBatch()
			for _, d := range st.put {
				g, qs := s.Minter().DocumentQuads(d)
				if err := b.Replace(ctx, g, qs); err != nil {
					t.Fatal(err)
				}
			}
			for _, id := range st.remove {
				if _, err := b.Remove(ctx, s.Minter().Article(id)); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Commit(ctx); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		want, got := rawStore(t, cayley, st.refs), rawStore(t, ours, st.refs)
		if d := firstDifference(strings.Join(got, "\n"), strings.Join(want, "\n")); d != "" {
			t.Fatalf("%s: the file differs from Cayley's (%d entries, Cayley %d): %s", st.name, len(got), len(want), d)
		}
		refCounts(t, ours)
		if dumpStore(t, ours) != dumpStore(t, cayley) {
			t.Fatalf("%s: the stores hold different quads", st.name)
		}
	}
}

// TestRemovedIRIsComeBack removes an article, whose IRIs (the article's,
// its mentions', claims', events') leave the store, and builds it again,
// when they come back with new ids. Cayley's reader caches the ids of IRIs
// it has looked up: reads must find the new ones, and further batches
// must not write the old ones.
func TestRemovedIRIsComeBack(t *testing.T) {
	docs := devDocs(t)
	ctx := context.Background()
	s := openBoltTemp(t)
	for _, d := range docs[:3] {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	d := docs[1]
	art := s.Minter().Article(d.Article.ID)
	before := dumpStore(t, s)
	count := func() int {
		t.Helper()
		rows, err := s.QueryValues(ctx, `g.V("<`+art+`>").Out().All()`, QueryOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}
	hash, err := s.ArticleHash(ctx, d.Article.ID) // looks the article's IRI up
	if err != nil || hash == "" {
		t.Fatalf("article hash %q, %v", hash, err)
	}
	n := count()
	if _, err := s.RemoveGraph(ctx, art); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != 0 {
		t.Fatalf("%d statements about the removed article", got)
	}
	if _, err := s.AddDocument(ctx, docs[3]); err != nil { // a batch between
		t.Fatal(err)
	}
	if _, err := s.AddDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != n {
		t.Fatalf("%d statements about the article built again, %d before", got, n)
	}
	if h, err := s.ArticleHash(ctx, d.Article.ID); err != nil || h != hash {
		t.Fatalf("article hash %q, %v; want %q", h, err, hash)
	}
	if _, err := s.RemoveGraph(ctx, s.Minter().Article(docs[3].Article.ID)); err != nil {
		t.Fatal(err)
	}
	if got := dumpStore(t, s); got != before {
		t.Fatalf("the store differs from before the removal: %s", firstDifference(got, before))
	}
	refCounts(t, s)
}
