package graph

import (
	"context"
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
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
	"github.com/knakk/rdf"

	"github.com/newskg/newskg/extract"
)

// ErrLocked is returned by Open when another process holds the store.
var ErrLocked = errors.New("store is in use by another process")

// Store is a newskg knowledge graph in a Cayley quad store. Its methods are
// not safe for concurrent use; open one Store per goroutine that writes.
type Store struct {
	qs     graph.QuadStore
	path   string
	minter Minter
}

// Options configure Open.
type Options struct {
	// LockTimeout bounds the wait for a store another process holds; the
	// default is one second.
	LockTimeout time.Duration
	// Minter derives IRIs for documents added with AddDocument.
	Minter Minter
}

// boltFile is where Cayley's bolt backend keeps its data inside the store
// folder; keeping the same layout lets upstream `cayley -d bolt -a DIR`
// open a newskg store.
func boltFile(dir string) string { return filepath.Join(dir, "indexes.bolt") }

// Open opens the bolt store in folder path, creating it when it does not
// exist. It fails with ErrLocked when another process has it open.
func Open(path string, opt *Options) (*Store, error) {
	if opt == nil {
		opt = &Options{}
	}
	timeout := opt.LockTimeout
	if timeout <= 0 {
		timeout = time.Second
	}
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("open store %s: not a folder (a store is a folder holding indexes.bolt)", path)
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db, err := hbolt.Open(boltFile(path), &bolt.Options{Timeout: timeout})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	opts := graph.Options{}
	if err := kv.Init(db, opts); err != nil && !errors.Is(err, graph.ErrDatabaseExists) {
		db.Close()
		return nil, fmt.Errorf("open store %s: init: %w", path, err)
	}
	qs, err := kv.New(db, opts)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &Store{qs: qs, path: path, minter: opt.Minter}, nil
}

// OpenMemory returns a store that lives in memory only.
func OpenMemory(opt *Options) *Store {
	s := &Store{qs: memstore.New()}
	if opt != nil {
		s.minter = opt.Minter
	}
	return s
}

// Close releases the store.
func (s *Store) Close() error { return s.qs.Close() }

// QuadStore gives access to the underlying Cayley store, for queries
// beyond Gizmo.
func (s *Store) QuadStore() graph.QuadStore { return s.qs }

// Size returns the number of quads in the store.
func (s *Store) Size(ctx context.Context) (int64, error) {
	st, err := s.qs.Stats(ctx, true)
	if errors.Is(err, kv.ErrNoBucket) { // nothing was ever written
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return st.Quads.Value, nil
}

// AddDocument writes an extracted document into the store, in the named
// graph of its article, replacing what the store held for that article. It
// returns the number of quads the article now has.
func (s *Store) AddDocument(ctx context.Context, doc *extract.Document) (int, error) {
	g := s.minter.Article(doc.Article.ID)
	ts := s.minter.Triples(doc)
	qs := make([]quad.Quad, 0, len(ts))
	for _, t := range ts {
		q, err := toQuad(t, g, nil)
		if err != nil {
			return 0, fmt.Errorf("article %s: %w", doc.Article.ID, err)
		}
		qs = append(qs, q)
	}
	if err := s.ReplaceGraph(ctx, g, qs); err != nil {
		return 0, fmt.Errorf("article %s: %w", doc.Article.ID, err)
	}
	return len(qs), nil
}

// ReplaceGraph makes the named graph g hold exactly quads (whose labels are
// set to g): quads of g not in the list are deleted, the others added, in
// one transaction. With g empty, the quads are added to the default graph
// and nothing is deleted.
func (s *Store) ReplaceGraph(ctx context.Context, g string, quads []quad.Quad) error {
	deltas, err := s.replaceDeltas(ctx, g, quads)
	if err != nil || len(deltas) == 0 {
		return err
	}
	return s.apply(ctx, deltas)
}

func (s *Store) apply(ctx context.Context, deltas []graph.Delta) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}

// replaceDeltas computes the changes that make graph g hold exactly quads.
func (s *Store) replaceDeltas(ctx context.Context, g string, quads []quad.Quad) ([]graph.Delta, error) {
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
	if label != nil {
		old, err := s.graphQuads(ctx, label)
		if err != nil {
			return nil, err
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
	return deltas, nil
}

// RemoveGraph deletes every quad of the named graph g and returns how many
// there were.
func (s *Store) RemoveGraph(ctx context.Context, g string) (int, error) {
	old, err := s.graphQuads(ctx, quad.IRI(g))
	if err != nil {
		return 0, err
	}
	deltas := make([]graph.Delta, len(old))
	for i, q := range old {
		deltas[i] = graph.Delta{Quad: q, Action: graph.Delete}
	}
	if len(deltas) == 0 {
		return 0, nil
	}
	return len(old), s.qs.ApplyDeltas(deltas, graph.IgnoreOpts{IgnoreMissing: true})
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

// Quads calls fn for every quad in the store.
func (s *Store) Quads(ctx context.Context, fn func(quad.Quad) error) error {
	return iterator.Iterate(ctx, s.qs.QuadsAllIterator()).Each(func(r graph.Ref) error {
		q, err := s.qs.Quad(r)
		if err != nil {
			return err
		}
		return fn(q)
	})
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
