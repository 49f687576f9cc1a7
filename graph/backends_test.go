package graph

import (
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
