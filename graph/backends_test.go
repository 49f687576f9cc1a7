package graph

import (
	"context"
	"errors"
	"path/filepath"
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

// forEachStore runs a store test on the embedded bolt store and on
// PostgreSQL.
func forEachStore(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Run("bolt", func(t *testing.T) { test(t, openBoltTemp(t)) })
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
