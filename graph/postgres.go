package graph

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers the postgres flavour
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
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
	ok := false
	defer func() {
		if !ok {
			db.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	opts := graph.Options{}
	if err := createSchema(ctx, db, addr, opts); err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	qs, err := csql.New("postgres", addr, opts)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", name, err)
	}
	ok = true
	return &Store{qs: qs, pg: db, path: name, minter: opt.Minter, loadBatch: opt.LoadBatch}, nil
}

// schemaLock is the PostgreSQL advisory lock newskg holds while it creates
// a store's tables: two processes opening a fresh database at once would
// otherwise both create them, and one fail on a duplicate type.
const schemaLock = 0x6e6b67 // "nkg"

// createSchema creates Cayley's tables and newskg's label index when the
// database lacks them, one process at a time.
func createSchema(ctx context.Context, db *sql.DB, addr string, opts graph.Options) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, schemaLock); err != nil {
		return fmt.Errorf("lock the schema: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, schemaLock)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if err := csql.Init("postgres", addr, opts); err != nil {
			return fmt.Errorf("create tables: %w", err)
		}
	}
	if _, err := conn.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS newskg_label_index ON quads (label_hash)`); err != nil {
		return fmt.Errorf("create label index: %w", err)
	}
	return nil
}

// pgNodeColumns are the columns of Cayley's nodes table, in its order.
var pgNodeColumns = []string{"hash", "refs", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// applyPostgres writes deltas to PostgreSQL in one transaction, so that
// after an interruption at any moment each article is wholly its old or
// wholly its new version. Deletions run as Cayley's SQL store runs them
// (a DELETE per quad, then node reference counts); additions are copied
// (COPY) into temporary tables and merged into Cayley's nodes and quads
// tables with one statement each, which is many times faster than
// Cayley's row-by-row inserts.
func (s *Store) applyPostgres(ctx context.Context, deltas []graph.Delta) error {
	var dels []graph.Delta
	seen := make(map[quad.Quad]bool, len(deltas))
	adds := make([]graph.Delta, 0, len(deltas))
	for _, d := range deltas {
		switch {
		case d.Action == graph.Delete:
			dels = append(dels, d)
		case !seen[d.Quad]:
			seen[d.Quad] = true
			adds = append(adds, d)
		}
	}
	if len(dels) == 0 && len(adds) == 0 {
		return nil
	}
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if len(dels) > 0 {
		if err := deletePostgres(ctx, tx, graphlog.SplitDeltas(dels)); err != nil {
			return err
		}
	}
	if s.faultAfterDelete != nil {
		if err := s.faultAfterDelete(); err != nil {
			return err // a test's interruption between the two halves of a replacement
		}
	}
	if len(adds) == 0 {
		return tx.Commit()
	}
	split := graphlog.SplitDeltas(adds)
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE newskg_nodes (LIKE nodes INCLUDING DEFAULTS) ON COMMIT DROP;
		CREATE TEMP TABLE newskg_quads (subject_hash BYTEA, predicate_hash BYTEA, object_hash BYTEA, label_hash BYTEA) ON COMMIT DROP`); err != nil {
		return err
	}
	col := make(map[string]int, len(pgNodeColumns))
	for i, c := range pgNodeColumns {
		col[c] = i
	}
	err = copyRows(ctx, tx, "newskg_nodes", pgNodeColumns, len(split.IncNode), func(i int) ([]any, error) {
		n := split.IncNode[i]
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return nil, err
		}
		row := make([]any, len(pgNodeColumns))
		row[0], row[1] = vals[0], n.RefInc
		for j, c := range typ.Columns() {
			row[col[c]] = vals[1+j]
		}
		return row, nil
	})
	if err != nil {
		return err
	}
	err = copyRows(ctx, tx, "newskg_quads", []string{"subject_hash", "predicate_hash", "object_hash", "label_hash"}, len(split.QuadAdd), func(i int) ([]any, error) {
		dirs := split.QuadAdd[i].Quad.Dirs()
		row := make([]any, len(dirs))
		for j, h := range dirs {
			row[j] = csql.NodeHash{ValueHash: h}.SQLValue()
		}
		return row, nil
	})
	if err != nil {
		return err
	}
	// Nodes first, without references; then the quads, and each node gains
	// one reference per quad this transaction really inserted. A quad that
	// another build inserted first (ON CONFLICT waits for that build to
	// commit, then does nothing) adds no reference, so that two builds of
	// the same articles at once count each reference once. Rows are taken
	// in hash order, so that two such builds lock them in the same order.
	list := strings.Join(pgNodeColumns[2:], ", ") // after hash and refs
	if _, err := tx.ExecContext(ctx, `INSERT INTO nodes (hash, refs, `+list+`)
		SELECT hash, 0, `+list+` FROM newskg_nodes ORDER BY hash ON CONFLICT (hash) DO NOTHING`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE newskg_inserted ON COMMIT DROP AS
		WITH ins AS (
			INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
			SELECT subject_hash, predicate_hash, object_hash, label_hash, now() FROM newskg_quads
			ORDER BY subject_hash, predicate_hash, object_hash, label_hash
			ON CONFLICT DO NOTHING
			RETURNING subject_hash, predicate_hash, object_hash, label_hash)
		SELECT h AS hash, count(*) AS n FROM (
			SELECT subject_hash AS h FROM ins UNION ALL SELECT predicate_hash FROM ins
			UNION ALL SELECT object_hash FROM ins UNION ALL SELECT label_hash FROM ins WHERE label_hash IS NOT NULL) r
		GROUP BY h`); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `SELECT 1 FROM nodes WHERE hash IN (SELECT hash FROM newskg_inserted) ORDER BY hash FOR UPDATE;
		UPDATE nodes SET refs = nodes.refs + i.n FROM newskg_inserted i WHERE nodes.hash = i.hash;
		DELETE FROM nodes WHERE hash IN (SELECT hash FROM newskg_nodes) AND refs = 0`); err != nil {
		return err
	}
	return tx.Commit()
}

// deletePostgres deletes quads in tx as Cayley's SQL quad store does:
// each quad that exists is deleted and its nodes lose a reference (one
// that does not exist changes nothing), and nodes left without any are
// removed.
func deletePostgres(ctx context.Context, tx *sql.Tx, split *graphlog.Deltas) error {
	delQuad, err := tx.PrepareContext(ctx, `DELETE FROM quads WHERE subject_hash=$1 and predicate_hash=$2 and object_hash=$3 and label_hash=$4`)
	if err != nil {
		return err
	}
	defer delQuad.Close()
	delTriple, err := tx.PrepareContext(ctx, `DELETE FROM quads WHERE subject_hash=$1 and predicate_hash=$2 and object_hash=$3 and label_hash is null`)
	if err != nil {
		return err
	}
	defer delTriple.Close()
	missing := map[refs.ValueHash]int{}
	for _, d := range split.QuadDel {
		dirs := make([]any, 0, len(quad.Directions))
		for _, h := range d.Quad.Dirs() {
			dirs = append(dirs, csql.NodeHash{ValueHash: h}.SQLValue())
		}
		stmt := delQuad
		if i := len(dirs) - 1; dirs[i] == nil {
			stmt, dirs = delTriple, dirs[:i]
		}
		res, err := stmt.ExecContext(ctx, dirs...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			for _, dir := range quad.Directions {
				if h := d.Quad.Get(dir); h.Valid() {
					missing[h]++ // not there: its nodes keep their references
				}
			}
		}
	}
	if len(split.DecNode) == 0 {
		return nil
	}
	update, err := tx.PrepareContext(ctx, `UPDATE nodes SET refs = refs + $1 WHERE hash = $2`)
	if err != nil {
		return err
	}
	defer update.Close()
	for _, n := range split.DecNode {
		if inc := n.RefInc + missing[n.Hash]; inc != 0 {
			if _, err := update.ExecContext(ctx, inc, csql.NodeHash{ValueHash: n.Hash}.SQLValue()); err != nil {
				return err
			}
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM nodes WHERE refs <= 0`)
	return err
}

// copyRows copies n rows into a table with COPY FROM STDIN.
func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(int) ([]any, error)) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range n {
		r, err := row(i)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	_, err = stmt.ExecContext(ctx)
	return err
}
