package graph

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newskg/newskg/internal/storetest"
)

func openPostgres(t *testing.T) *Store {
	t.Helper()
	s, err := Open(storetest.PostgresURL(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openBoltTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "kg.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// forEachStore runs a store test on the embedded bolt store, on a bolt
// store written by Cayley's own writer (which newskg's leaves some batches
// to), and on PostgreSQL.
func forEachStore(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Run("bolt", func(t *testing.T) { test(t, openBoltTemp(t)) })
	t.Run("bolt-cayley-writer", func(t *testing.T) { test(t, openCayleyWriter(t)) })
	t.Run("postgres", func(t *testing.T) { test(t, openPostgres(t)) })
}

// TestPostgresReplacementIsOneTransaction interrupts a replacement on
// PostgreSQL between its deletions and its additions: the article must
// stay wholly its old version (with two transactions it lost its quads).
func TestPostgresReplacementIsOneTransaction(t *testing.T) {
	s := openPostgres(t)
	ctx := context.Background()
	d := devDocs(t)[0]
	n, err := s.AddDocument(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	before := size(t, s)
	changed := *d
	changed.Claims = nil
	interrupted := errors.New("interrupted")
	s.faultAfterDelete = func() error { return interrupted }
	if _, err := s.AddDocument(ctx, &changed); !errors.Is(err, interrupted) {
		t.Fatalf("replacement: %v, want the interruption", err)
	}
	s.faultAfterDelete = nil
	if got, article := size(t, s), graphSize(t, s, Minter{}.Article(d.Article.ID)); got != before || article != int64(n) {
		t.Errorf("after an interrupted replacement: %d quads (%d in the article), want the old %d (%d)", got, article, before, n)
	}
	if _, err := s.AddDocument(ctx, &changed); err != nil {
		t.Fatal(err)
	}
	if got := size(t, s); got >= before {
		t.Errorf("the replacement after it: %d quads, want fewer than %d", got, before)
	}
}

// TestPostgresConcurrentOpen opens a fresh PostgreSQL database from four
// goroutines at once: each open succeeds, as the schema is created under
// an advisory lock.
func TestPostgresConcurrentOpen(t *testing.T) {
	url := storetest.PostgresURL(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := Open(url, nil)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestPostgresConcurrentBuilds: two stores building the same articles at
// once into one PostgreSQL database end with the store one build makes,
// node reference counts included; removing every article then leaves no
// node behind (a doubled count left 61,948 phantom vertices).
func TestPostgresConcurrentBuilds(t *testing.T) {
	ctx := context.Background()
	docs := devDocs(t)
	snapshot := func(s *Store) string {
		var b strings.Builder
		for _, q := range []string{
			`SELECT encode(hash, 'hex') || ' ' || refs FROM nodes ORDER BY 1`,
			`SELECT encode(subject_hash, 'hex') || encode(predicate_hash, 'hex') || encode(object_hash, 'hex') || coalesce(encode(label_hash, 'hex'), '') FROM quads ORDER BY 1`,
		} {
			rows, err := s.pg.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var line string
				rows.Scan(&line)
				b.WriteString(line + "\n")
			}
			rows.Close()
		}
		return b.String()
	}
	one, err := Open(storetest.PostgresURL(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	for _, d := range docs {
		if _, err := one.AddDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	want := snapshot(one)

	url := storetest.PostgresURL(t)
	var stores [2]*Store
	for i := range stores {
		if stores[i], err = Open(url, nil); err != nil {
			t.Fatal(err)
		}
		defer stores[i].Close()
	}
	errs := make(chan error, 2)
	for i, s := range stores {
		go func() {
			for k := range docs {
				d := docs[k]
				if i == 1 {
					d = docs[len(docs)-1-k] // the other order: the same rows, met the other way
				}
				if _, err := s.AddDocument(ctx, d); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range stores {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := snapshot(stores[0]); got != want {
		t.Errorf("two concurrent builds: %d node and quad lines, one build %d; they differ", strings.Count(got, "\n"), strings.Count(want, "\n"))
	}
	for _, d := range docs {
		if _, err := stores[0].RemoveGraph(ctx, stores[0].minter.Article(d.Article.ID)); err != nil {
			t.Fatal(err)
		}
	}
	var nodes, quads int
	stores[0].pg.QueryRowContext(ctx, `SELECT count(*) FROM nodes`).Scan(&nodes)
	stores[0].pg.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&quads)
	if nodes != 0 || quads != 0 {
		t.Errorf("after removing every article: %d nodes, %d quads, want none", nodes, quads)
	}
}
