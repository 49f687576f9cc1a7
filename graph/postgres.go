package graph

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers the postgres flavour and lib/pq
)

// IsPostgres reports whether addr names a PostgreSQL database.
func IsPostgres(addr string) bool {
	return strings.HasPrefix(addr, "postgres://") || strings.HasPrefix(addr, "postgresql://")
}

// redact hides the password of a database URL for messages.
func redact(addr string) string {
	if u, err := url.Parse(addr); err == nil {
		return u.Redacted()
	}
	return "postgres://…"
}

// OpenPostgres opens the store in a PostgreSQL database (Cayley's SQL
// backend with its PostgreSQL flavour, driver lib/pq), creating Cayley's
// tables when the database has none. Besides Cayley's indexes it keeps one
// on the quads' graph label, so replacing or removing an article reads
// only that article's quads. Many processes may use the database at once.
func OpenPostgres(addr string, opt *Options) (*Store, error) {
	if opt == nil {
		opt = &Options{}
	}
	name := redact(addr)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	opts := graph.Options{}
	if !exists {
		if err := csql.Init("postgres", addr, opts); err != nil {
			return nil, fmt.Errorf("open store %s: create tables: %w", name, err)
		}
	}
	if _, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS newskg_label_index ON quads (label_hash)`); err != nil {
		return nil, fmt.Errorf("open store %s: create label index: %w", name, err)
	}
	qs, err := csql.New("postgres", addr, opts)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	return &Store{qs: qs, path: name, minter: opt.Minter, loadBatch: opt.LoadBatch}, nil
}
