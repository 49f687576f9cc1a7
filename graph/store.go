package graph

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	"github.com/knakk/rdf"

	"github.com/newskg/newskg/extract"
	"github.com/newskg/newskg/internal/boltkv"
	"github.com/newskg/newskg/internal/kvwrite"
	"github.com/newskg/newskg/ontology"
)

// ErrLocked is returned by Open when another process holds the store.
var ErrLocked = errors.New("store is in use by another process")

// ErrReadOnly is returned by writes to a store opened with
// Options.ReadOnly.
var ErrReadOnly = errors.New("store is open read-only")

// Store is a newskg knowledge graph in a Cayley quad store. Its methods are
// not safe for concurrent use; open one Store per goroutine that writes.
type Store struct {
	qs        graph.QuadStore
	pg        *sql.DB // the PostgreSQL database, for bulk writes; nil for other stores
	path      string
	readOnly  bool
	torn      bool // opened from the older meta page: see Recovered
	minter    Minter
	loadBatch int
	// writer writes a bolt store's batches (see internal/kvwrite), nil
	// for other stores and for bolt stores it cannot write
	writer *kvwrite.Writer
	// faultAfterDelete, set by tests, interrupts a PostgreSQL write
	// between its deletions and its additions
	faultAfterDelete func() error
}

// Options configure Open.
type Options struct {
	// LockTimeout bounds the wait for a store another process holds; the
	// default is one second.
	LockTimeout time.Duration
	// Minter derives IRIs for documents added with AddDocument.
	Minter Minter
	// LoadBatch is the largest file (in statements) LoadFile writes in
	// one transaction, and the size of its transactions for larger files;
	// the default is 20,000.
	LoadBatch int
	// ReadOnly opens an existing bolt store for reading, under a shared
	// lock: any number of readers (this program, a notebook, `cayley
	// --read_only`) may hold it at once, while a writer waits for them
	// all (and fails after LockTimeout). Writes return ErrReadOnly.
	ReadOnly bool
}

// boltFile is where Cayley's bolt backend keeps its data inside the store
// folder; keeping the same layout lets upstream `cayley -d bolt -a DIR`
// open a newskg store.
func boltFile(dir string) string { return filepath.Join(dir, "indexes.bolt") }

// Open opens a store, creating it when it does not exist: a PostgreSQL
// database when addr is a postgres:// or postgresql:// URL (see
// OpenPostgres), else the bolt store in folder addr. A bolt store another
// process has open fails with ErrLocked.
func Open(addr string, opt *Options) (*Store, error) {
	if opt == nil {
		opt = &Options{}
	}
	if IsPostgres(addr) {
		return OpenPostgres(addr, opt)
	}
	return openBolt(addr, opt)
}

func openBolt(path string, opt *Options) (*Store, error) {
	timeout := opt.LockTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("open store %s: not a folder (a store is a folder holding indexes.bolt)", path)
	}
	if opt.ReadOnly {
		if fi, err := os.Stat(boltFile(path)); err != nil || fi.Size() == 0 {
			return nil, fmt.Errorf("open store %s read-only: no store there", path)
		}
	} else if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	torn, err := inspectBoltFile(boltFile(path))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if !opt.ReadOnly {
		// a writer never writes into a damaged store: every page is
		// checked first (about 80 ms for 100 MB); readers leave the full
		// check to Check, so that a query opens fast
		if err := verifyBoltPages(boltFile(path), timeout); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	bdb, err := bolt.Open(boltFile(path), 0o644, &bolt.Options{Timeout: timeout, ReadOnly: opt.ReadOnly})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db := boltkv.New(bdb)
	// Cayley's bloom filters of existing quads and nodes take some 400 MB
	// for any store; without them writes are as fast here (measured with
	// newskg-bench), so they stay off.
	opts := graph.Options{kv.OptNoBloom: true}
	if opt.ReadOnly {
		qs, err := newKVStore(db, opts, true)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s read-only: %w", path, err)
		}
		return &Store{qs: qs, path: path, minter: opt.Minter, loadBatch: opt.LoadBatch, readOnly: true, torn: torn}, nil
	}
	switch err := kv.Init(db, opts); {
	case err == nil:
		if err := addLabelIndex(db); err != nil {
			db.Close()
			return nil, fmt.Errorf("open store %s: init: %w", path, err)
		}
	case !errors.Is(err, graph.ErrDatabaseExists):
		db.Close()
		return nil, fmt.Errorf("open store %s: init: %w", path, err)
	}
	qs, err := newKVStore(db, opts, false)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// a store Cayley's own writer can write but ours cannot (no index
	// list, no index that finds a quad) keeps Cayley's
	w, _ := kvwrite.New(bdb)
	return &Store{qs: qs, path: path, minter: opt.Minter, loadBatch: opt.LoadBatch, torn: torn, writer: w}, nil
}

// newKVStore opens Cayley's key-value quad store on db, with the query
// optimiser of prefixStore; readOnly says db is open read-only.
func newKVStore(db *boltkv.DB, opts graph.Options, readOnly bool) (graph.QuadStore, error) {
	qs, err := kv.New(db, opts)
	if err != nil {
		return nil, err
	}
	kqs, ok := qs.(*kv.QuadStore)
	if !ok {
		return qs, nil
	}
	indexes, err := storeIndexes(context.Background(), db)
	if err != nil {
		qs.Close()
		return nil, err
	}
	src := logSource{qs: kqs, db: db.Bolt(), cache: newLogCache(), fixed: readOnly}
	return prefixStore{QuadStore: kqs, indexes: indexes, db: db, src: src}, nil
}

// Recovered says, when one of the store's two meta pages was torn (most
// likely a crash while bolt wrote it) and the store opened from the other,
// that a transaction being written at the crash is lost: the store holds
// the state before it, whole. It is "" otherwise. A writer's next commit
// rewrites the torn page.
func (s *Store) Recovered() string {
	if !s.torn {
		return ""
	}
	return tornNote(s.path)
}

// tornNote says what Recovered says of the bolt store at path.
func tornNote(path string) string {
	return fmt.Sprintf("store %s: one of its two meta pages is torn, most likely by a crash while it was written: it opened at its last whole transaction, and a transaction being written at the crash is lost (build or load the last input again)", boltFile(path))
}

// labelIndex lists quads by named graph, then subject. Cayley's default
// kv indexes have none, and without it finding an article's quads, to
// replace or remove the article, scans every quad in the store.
var labelIndex = kv.QuadIndex{Dirs: []quad.Direction{quad.Label, quad.Subject}}

// addLabelIndex records labelIndex in a new store's index list, where
// Cayley (ours and upstream's) reads which indexes a store keeps, and
// creates its bucket. It must run before the first quad is written.
func addLabelIndex(db hkv.KV) error {
	data, err := json.Marshal(append(append([]kv.QuadIndex{}, kv.DefaultQuadIndexes...), labelIndex))
	if err != nil {
		return err
	}
	ctx := context.Background()
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		bucket := hkv.Key{[]byte{quad.Label.Prefix(), quad.Subject.Prefix()}}
		if err := hkv.CreateBucket(ctx, tx, bucket); err != nil {
			return err
		}
		return tx.Put(ctx, hkv.Key{[]byte("meta"), []byte("indexes")}, data)
	})
}

// Check reads every page of the bolt store at path and reports the first
// damage found (ErrDamaged naming the file and the page), without opening
// the store: bolt panics on a damaged page in goroutines no recover
// reaches, so a reader should check a store it doubts before opening it.
// Writers check at Open. Check waits up to timeout for a writer to finish
// (ErrLocked after that). A PostgreSQL store has nothing to check here.
// A whole store whose newest meta page is torn is no error: the note says
// so, as Store.Recovered does.
func Check(path string, timeout time.Duration) (note string, err error) {
	if IsPostgres(path) {
		return "", fmt.Errorf("check %s: only bolt stores are checked (PostgreSQL checks its own pages)", path)
	}
	if fi, err := os.Stat(boltFile(path)); err != nil || fi.Size() == 0 {
		return "", fmt.Errorf("check %s: no store there", path)
	}
	torn, err := inspectBoltFile(boltFile(path))
	if err != nil {
		return "", fmt.Errorf("check %s: %w", path, err)
	}
	if err := verifyBoltPages(boltFile(path), timeout); err != nil {
		return "", fmt.Errorf("check %s: %w", path, err)
	}
	if torn {
		return tornNote(path), nil
	}
	return "", nil
}

// OpenMemory returns a store that lives in memory only.
func OpenMemory(opt *Options) *Store {
	s := &Store{qs: memstore.New()}
	if opt != nil {
		s.minter, s.loadBatch = opt.Minter, opt.LoadBatch
	}
	return s
}

// Close releases the store.
func (s *Store) Close() error {
	err := s.qs.Close()
	if s.pg != nil {
		if e := s.pg.Close(); err == nil {
			err = e
		}
	}
	return err
}

// QuadStore gives access to the underlying Cayley store, for queries
// beyond Gizmo.
func (s *Store) QuadStore() graph.QuadStore { return s.qs }

// Size returns the number of quads in the store.
func (s *Store) Size(ctx context.Context) (int64, error) {
	if s.pg != nil {
		// Cayley caches the count and resets it only on its own writes,
		// which newskg's PostgreSQL path does not go through
		var n int64
		err := s.pg.QueryRowContext(ctx, `SELECT COUNT(*) FROM quads`).Scan(&n)
		return n, err
	}
	st, err := s.qs.Stats(ctx, true)
	if errors.Is(err, kv.ErrNoBucket) { // nothing was ever written
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return st.Quads.Value, nil
}

// Minter returns the minter the store derives IRIs with.
func (s *Store) Minter() Minter { return s.minter }

// DocumentQuads returns the named graph of a document's article and the
// quads that describe the document in it (StoreTriples: entity records in
// place of entity statements, which the store keeps in EntityGraph).
func (m Minter) DocumentQuads(doc *extract.Document) (string, []quad.Quad) {
	g := m.Article(doc.Article.ID)
	ts := m.StoreTriples(doc)
	qs := make([]quad.Quad, 0, len(ts))
	for _, t := range ts {
		q, err := toQuad(t, g, nil)
		if err != nil {
			// Triples only builds IRIs and literals, which always convert
			panic(fmt.Sprintf("newskg: %v", err))
		}
		qs = append(qs, q)
	}
	return g, qs
}

// AddDocument writes an extracted document into the store, in the named
// graph of its article, replacing what the store held for that article. It
// returns the number of quads the article now has.
func (s *Store) AddDocument(ctx context.Context, doc *extract.Document) (int, error) {
	g, qs := s.minter.DocumentQuads(doc)
	b := s.NewBatch()
	if err := b.Replace(ctx, g, qs); err != nil {
		return 0, fmt.Errorf("article %s: %w", doc.Article.ID, err)
	}
	if err := b.Commit(ctx); err != nil {
		return 0, fmt.Errorf("article %s: %w", doc.Article.ID, err)
	}
	return len(qs), nil
}

// ReplaceGraph makes the named graph g hold exactly quads (whose labels are
// set to g) in one transaction. With g empty, the quads are added to the
// default graph and nothing is deleted.
func (s *Store) ReplaceGraph(ctx context.Context, g string, quads []quad.Quad) error {
	b := s.NewBatch()
	if err := b.Replace(ctx, g, quads); err != nil {
		return err
	}
	return b.Commit(ctx)
}

// Batch collects changes and writes them in one transaction: all of them
// or, on error, none. Build one with NewBatch; a Batch is not safe for
// concurrent use.
type Batch struct {
	s      *Store
	deltas []graph.Delta
	graphs map[string]bool // replaced or removed
	// the entity records of each replaced or removed graph, before and
	// after (see EntityGraph)
	oldRecords, newRecords map[string]map[quad.IRI]*facts
	// writesEntities keeps EntityGraph as the batch's own quads make it,
	// in every commit (a store's export loaded in batches)
	writesEntities bool
}

// NewBatch starts a batch of changes.
func (s *Store) NewBatch() *Batch {
	return &Batch{s: s, graphs: map[string]bool{}, oldRecords: map[string]map[quad.IRI]*facts{},
		newRecords: map[string]map[quad.IRI]*facts{}}
}

// Minter returns the minter of the batch's store.
func (b *Batch) Minter() Minter { return b.s.minter }

// Len is the number of quads the batch will add or delete.
func (b *Batch) Len() int { return len(b.deltas) }

// Replace makes the named graph g hold exactly quads once the batch is
// committed: quads of g not in the list are deleted, the others added.
// With g empty the quads are added to the default graph and nothing is
// deleted. Replacing a graph the batch already changes first commits the
// batch, so that the second replacement sees the first.
func (b *Batch) Replace(ctx context.Context, g string, quads []quad.Quad) error {
	if err := b.s.writable(); err != nil {
		return err
	}
	if b.graphs[g] && g != "" {
		if err := b.Commit(ctx); err != nil {
			return err
		}
	}
	d, old, err := b.s.replaceDeltas(ctx, g, quads)
	if err != nil {
		return err
	}
	if g != "" {
		b.graphs[g] = true
		b.oldRecords[g], b.newRecords[g] = recordsIn(old), recordsIn(quads)
	}
	b.deltas = append(b.deltas, d...)
	return nil
}

// Add adds quads, with their labels, once the batch is committed.
func (b *Batch) Add(ctx context.Context, quads []quad.Quad) error {
	if err := b.s.writable(); err != nil {
		return err
	}
	for _, q := range quads {
		b.deltas = append(b.deltas, graph.Delta{Quad: q, Action: graph.Add})
	}
	return ctx.Err()
}

// Remove deletes every quad of the named graph g once the batch is
// committed, and returns how many there are.
func (b *Batch) Remove(ctx context.Context, g string) (int, error) {
	if err := b.s.writable(); err != nil {
		return 0, err
	}
	if b.graphs[g] {
		if err := b.Commit(ctx); err != nil {
			return 0, err
		}
	}
	old, err := b.s.graphQuads(ctx, quad.IRI(g))
	if err != nil {
		return 0, err
	}
	for _, q := range old {
		b.deltas = append(b.deltas, graph.Delta{Quad: q, Action: graph.Delete})
	}
	b.graphs[g] = true
	b.oldRecords[g], b.newRecords[g] = recordsIn(old), nil
	return len(old), nil
}

// Commit writes the batch in one transaction and empties it. The
// statements about entities whose records the batch changes are
// recomputed in the same transaction (see EntityGraph), unless the batch
// writes that graph itself (loading a store's export).
func (b *Batch) Commit(ctx context.Context) (err error) {
	defer b.s.unreadable(&err) // bolt rolls the transaction back as the panic passes
	if !b.graphs[b.s.minter.EntityGraph()] && !b.writesEntities {
		d, err := b.entityDeltas(ctx)
		if err != nil {
			return err
		}
		b.deltas = append(b.deltas, d...)
	}
	if len(b.deltas) > 0 {
		if err := b.s.apply(ctx, b.deltas); err != nil {
			return err
		}
	}
	b.deltas = b.deltas[:0]
	clear(b.graphs)
	clear(b.oldRecords)
	clear(b.newRecords)
	return nil
}

// ArticleHash returns the content hash the store holds for the article
// with the given ID (see ContentHash), or "".
func (s *Store) ArticleHash(ctx context.Context, id string) (string, error) {
	art := quad.IRI(s.minter.Article(id))
	ref, err := s.qs.ValueOf(art)
	if err != nil || ref == nil {
		return "", err
	}
	hash := ""
	err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Subject, ref)).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		if v, ok := q.Object.(quad.String); ok && q.Predicate == quad.IRI(ontology.ContentHash) && q.Label == art {
			hash = string(v)
		}
		return nil
	})
	return hash, err
}

func (s *Store) apply(ctx context.Context, deltas []graph.Delta) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := s.writable(); err != nil {
		return err
	}
	if s.pg != nil {
		return s.applyPostgres(ctx, deltas)
	}
	if s.writer != nil {
		return s.writer.Apply(ctx, deltas)
	}
	return s.qs.ApplyDeltas(resolvable(deltas), graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}

// resolvable works around a defect of Cayley's key-value stores: within
// one ApplyDeltas, a quad added with a value that the deltas use more
// often in deletions than in additions is written without that value
// (Cayley resolves only the values whose reference count does not fall),
// and reads back with a nil term. It happens when, in one transaction, an
// entity's label becomes an alternative label, or a replaced article uses
// a name fewer times. resolvable repeats such additions until no value
// they use falls: the store drops the repeats, and the value's reference
// count stays higher than its use, so that the value is kept, never lost.
func resolvable(deltas []graph.Delta) []graph.Delta {
	deletes := false
	for _, d := range deltas {
		if d.Action == graph.Delete {
			deletes = true
			break
		}
	}
	if !deletes { // no count falls
		return deltas
	}
	// keyed as Cayley keys nodes (quad.HashOf hashes the value's String)
	net := map[string]int{}
	for _, d := range deltas {
		n := 1
		if d.Action == graph.Delete {
			n = -1
		}
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				net[v.String()] += n
			}
		}
	}
	var extra []graph.Delta
	for _, d := range deltas {
		if d.Action != graph.Add {
			continue
		}
		lack := 0
		for _, dir := range quad.Directions {
			if v := d.Quad.Get(dir); v != nil {
				lack = max(lack, -net[v.String()])
			}
		}
		for range lack {
			extra = append(extra, d)
			for _, dir := range quad.Directions {
				if v := d.Quad.Get(dir); v != nil {
					net[v.String()]++
				}
			}
		}
	}
	if len(extra) == 0 {
		return deltas
	}
	return append(deltas[:len(deltas):len(deltas)], extra...)
}

// writable fails with ErrReadOnly for a store opened read-only.
func (s *Store) writable() error {
	if s.readOnly {
		return fmt.Errorf("store %s: %w", s.path, ErrReadOnly)
	}
	return nil
}

// replaceDeltas computes the changes that make graph g hold exactly quads,
// and returns them with the quads g held.
func (s *Store) replaceDeltas(ctx context.Context, g string, quads []quad.Quad) ([]graph.Delta, []quad.Quad, error) {
	var label quad.Value
	if g != "" {
		label = quad.IRI(g)
	}
	want := make(map[quad.Quad]bool, len(quads))
	for _, q := range quads {
		q.Label = label
		want[q] = true
	}
	var deltas []graph.Delta
	var old []quad.Quad
	if label != nil {
		var err error
		if old, err = s.graphQuads(ctx, label); err != nil {
			return nil, nil, err
		}
		for _, q := range old {
			if want[q] {
				delete(want, q) // already there
				continue
			}
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
		}
	}
	for _, q := range quads {
		q.Label = label
		if want[q] {
			delete(want, q)
			deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
		}
	}
	return deltas, old, nil
}

// RemoveGraph deletes every quad of the named graph g and returns how many
// there were.
func (s *Store) RemoveGraph(ctx context.Context, g string) (int, error) {
	b := s.NewBatch()
	n, err := b.Remove(ctx, g)
	if err != nil {
		return 0, err
	}
	return n, b.Commit(ctx)
}

// graphQuads lists the quads labelled g.
func (s *Store) graphQuads(ctx context.Context, g quad.Value) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(g)
	if err != nil || ref == nil {
		return nil, err
	}
	var out []quad.Quad
	err = iterator.Iterate(ctx, s.qs.QuadIterator(quad.Label, ref)).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, q)
		return nil
	})
	return out, err
}

// Quads calls fn for every quad in the store. A bolt store is read in one
// pass over its log, in the order quads were written, in one read
// transaction: fn must not write to the store.
func (s *Store) Quads(ctx context.Context, fn func(quad.Quad) error) (err error) {
	defer s.unreadable(&err)
	var fnErr error
	if ps, ok := s.qs.(prefixStore); ok && ps.db != nil {
		// one pass over the log instead of five lookups per quad
		err = quadsFromLog(ctx, ps.db, logValueCache, func(q quad.Quad) error {
			fnErr = fn(q)
			return fnErr
		})
		if err != nil && fnErr == nil && ctx.Err() == nil && !errors.Is(err, ErrDamaged) {
			return s.damaged(err)
		}
		return err
	}
	err = iterator.Iterate(ctx, s.qs.QuadsAllIterator()).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return s.damaged(err) // a quad the store holds cannot be read back
		}
		fnErr = fn(q)
		return fnErr
	})
	if err != nil && fnErr == nil && !errors.Is(err, ErrDamaged) {
		return s.damaged(err) // the store's index cannot be read
	}
	return err
}

// toQuad converts a knakk/rdf triple to a Cayley quad in graph g. Blank
// nodes are renamed through bnodes (a per-document map) so that "_:b1" of
// two files stays two nodes.
func toQuad(t rdf.Triple, g string, bnodes func(string) string) (quad.Quad, error) {
	s, err := toValue(t.Subj, bnodes)
	if err != nil {
		return quad.Quad{}, err
	}
	p, err := toValue(t.Pred, bnodes)
	if err != nil {
		return quad.Quad{}, err
	}
	o, err := toValue(t.Obj, bnodes)
	if err != nil {
		return quad.Quad{}, err
	}
	q := quad.Quad{Subject: s, Predicate: p, Object: o}
	if g != "" {
		q.Label = quad.IRI(g)
	}
	return q, nil
}

const xsdString = "http://www.w3.org/2001/XMLSchema#string"

func toValue(t rdf.Term, bnodes func(string) string) (quad.Value, error) {
	switch t := t.(type) {
	case rdf.IRI:
		return quad.IRI(t.String()), nil
	case rdf.Blank:
		id := t.String()[2:] // without "_:"
		if bnodes != nil {
			id = bnodes(id)
		}
		return quad.BNode(id), nil
	case rdf.Literal:
		dt := t.DataType.String()
		switch {
		case t.Lang() != "":
			return quad.LangString{Value: quad.String(t.String()), Lang: t.Lang()}, nil
		case dt == "" || dt == xsdString:
			return quad.String(t.String()), nil
		default:
			return quad.TypedString{Value: quad.String(t.String()), Type: quad.IRI(dt)}, nil
		}
	}
	return nil, fmt.Errorf("unsupported RDF term %v", t)
}

// fromValue converts a Cayley value back to a knakk/rdf term.
func fromValue(v quad.Value) (rdf.Term, error) {
	switch v := v.(type) {
	case quad.IRI:
		return rdf.NewIRI(string(v))
	case quad.BNode:
		return rdf.NewBlank(string(v))
	case quad.String:
		return rdf.NewTypedLiteral(string(v), rdf.IRI{}), nil
	case quad.LangString:
		return rdf.NewLangLiteral(string(v.Value), v.Lang)
	case quad.TypedString:
		dt, err := rdf.NewIRI(string(v.Type))
		if err != nil {
			return nil, err
		}
		return rdf.NewTypedLiteral(string(v.Value), dt), nil
	case nil:
		return nil, errors.New("empty value")
	}
	// native values (ints, times, bools) from other writers
	tv, ok := v.(quad.TypedStringer)
	if !ok {
		return rdf.NewTypedLiteral(v.String(), rdf.IRI{}), nil
	}
	ts := tv.TypedString()
	return fromValue(ts)
}
