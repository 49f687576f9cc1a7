package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	gproto "google.golang.org/protobuf/proto"
)

// TestCachedWalksFollowWrites: walks answered from the log cache answer
// what Cayley answers after each write of the store (a graph removed, one
// replaced by a smaller one, one added back), and on the same file opened
// read-only.
func TestCachedWalksFollowWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := devDocs(t)
	for _, d := range docs {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	walks := optimiserWalks()
	sameAsCayley(t, s, walks, "")

	first := s.minter.Article(docs[0].Article.ID)
	if _, err := s.RemoveGraph(ctx, first); err != nil {
		t.Fatal(err)
	}
	sameAsCayley(t, s, walks, "after a removal: ")

	second := s.minter.Article(docs[1].Article.ID)
	quads, err := s.graphQuads(ctx, quad.IRI(second))
	if err != nil || len(quads) < 10 {
		t.Fatalf("quads of %s: %d, %v", second, len(quads), err)
	}
	if err := s.ReplaceGraph(ctx, second, quads[:len(quads)/2]); err != nil {
		t.Fatal(err)
	}
	sameAsCayley(t, s, walks, "after a replacement: ")

	if _, err := s.AddDocument(ctx, docs[0]); err != nil {
		t.Fatal(err)
	}
	sameAsCayley(t, s, walks, "after adding back: ")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ro, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	sameAsCayley(t, ro, walks, "read-only: ")
}

// TestOldReaderLeavesCacheAlone: a reader that began before a commit reads
// the state it began at, and neither what it reads nor what it caches
// reaches a reader of the newer state. (On a bolt file of its own, mapped
// large enough that the commit need not wait for the older reader.)
func TestOldReaderLeavesCacheAlone(t *testing.T) {
	db, err := bolt.Open(filepath.Join(t.TempDir(), "log.bolt"), 0o644, &bolt.Options{InitialMmapSize: 1 << 24})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const id = 7
	putQuad := func(deleted bool) {
		t.Helper()
		b, err := gproto.Marshal(&proto.Primitive{ID: id, Subject: 1, Predicate: 2, Object: 3, Label: 4, Deleted: deleted})
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			log, err := tx.CreateBucketIfNotExists([]byte("log"))
			if err != nil {
				return err
			}
			return log.Put(binary.BigEndian.AppendUint64(nil, id), b)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	putQuad(false)
	c := newLogCache()
	old, err := c.begin(db)
	if err != nil {
		t.Fatal(err)
	}
	defer old.close()
	putQuad(true) // the quad deleted
	current, err := c.begin(db)
	if err != nil {
		t.Fatal(err)
	}
	defer current.close()
	if current.state <= old.state {
		t.Fatalf("state %d after a commit, %d before", current.state, old.state)
	}
	if p, err := old.primitive(id); err != nil || p == nil || p.Deleted {
		t.Fatalf("the older reader reads quad %d as %v (%v), want it as it was", id, p, err)
	}
	for i := 0; i < 2; i++ { // read, then from the cache
		p, err := current.primitive(id)
		if err != nil || p == nil {
			t.Fatalf("read %d: %v, %v", i, p, err)
		}
		if !p.Deleted {
			t.Fatalf("read %d: the deleted quad reads as present: the older reader's entry reached the cache", i)
		}
	}
	if _, ok := c.quad(old.state, id); ok {
		t.Error("the cache answers a reader of the older state")
	}
}

// TestRecentKeepsTheLastUsed: a bounded map keeps the entries of its
// last two generations, moves an entry it finds in the older one to the
// newer, and weighs entries.
func TestRecentKeepsTheLastUsed(t *testing.T) {
	r := newRecent[uint64, int](4)
	for i := uint64(1); i <= 4; i++ {
		r.put(i, int(i), 1)
	}
	r.put(5, 5, 1) // 1-4 become the older generation
	if v, ok := r.get(1); !ok || v != 1 {
		t.Fatalf("1 = %d, %v; want it from the older generation", v, ok)
	}
	r.put(6, 6, 1)
	r.put(7, 7, 1) // cur (5, 1, 6, 7) is full
	r.put(8, 8, 2) // cur (5, 1, 6, 7) becomes old; 2-4 are gone
	kept := func(k uint64) bool {
		_, inCur := r.cur[k]
		_, inOld := r.old[k]
		return inCur || inOld
	}
	for _, k := range []uint64{2, 3, 4} {
		if kept(k) {
			t.Errorf("%d is kept two generations on", k)
		}
	}
	for _, k := range []uint64{1, 5, 6, 7, 8} {
		if !kept(k) {
			t.Errorf("%d is not kept", k)
		}
	}
	if v, ok := r.get(7); !ok || v != 7 {
		t.Errorf("7 = %d, %v", v, ok)
	}
	r.put(9, 9, 5) // heavier than a generation: alone in it
	if len(r.cur) != 1 {
		t.Errorf("a generation of %d entries after an entry of its whole weight", len(r.cur))
	}
}

// TestConcurrentWalksShareTheCache: walks run at once from several
// goroutines on a store open read-only (one cache, filled by all) answer
// what they answer one at a time.
func TestConcurrentWalksShareTheCache(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range devDocs(t) {
		if _, err := s.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	rowsOf := func(s *Store, q string) (string, error) {
		res, err := s.Query(ctx, q, QueryOptions{Timeout: time.Minute})
		if err != nil {
			return "", err
		}
		out := make([]string, len(res))
		for i, r := range res {
			out[i] = fmt.Sprint(r)
		}
		slices.Sort(out)
		return strings.Join(out, "\n"), nil
	}
	walks := optimiserWalks()
	want := map[string]string{}
	alone, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range walks {
		if want[q], err = rowsOf(alone, q); err != nil {
			t.Fatal(err)
		}
	}
	alone.Close()

	shared, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for i := range 3 * len(walks) {
				q := walks[(g+i)%len(walks)]
				got, err := rowsOf(shared, q)
				if err == nil && got != want[q] {
					err = fmt.Errorf("goroutine %d: %s: rows differ from a walk alone", g, q)
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
