package graph

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// prefixStore is a Cayley key-value quad store whose query optimiser also
// reads an index by a prefix of its directions.
//
// Cayley's own optimiser turns a walk with fixed values in some
// directions (g.V(x).In(p): object x, predicate p) into a scan of the one
// index that starts with those directions, but only when the values fill
// every direction of that index: [object, predicate] of the [object,
// predicate, subject] index does not, so it read every quad whose object
// is x and filtered them by predicate afterwards. From an entity named in
// thousands of quads, "its claims" cost 50 ms on a store of a million
// quads. prefixStore scans the [object, predicate] prefix instead.
//
// Its scans read quads, and its ValuesOf values, through a cache of
// decoded log entries (see logCache).
type prefixStore struct {
	*kv.QuadStore
	indexes []kv.QuadIndex // the store's, in its order
	db      hkv.KV         // the key-value store under it
	src     logSource      // the bolt file under db, and its log cache
}

// storeIndexes reads the list of indexes a Cayley key-value store keeps
// (Cayley's own meta entry).
func storeIndexes(ctx context.Context, db hkv.KV) ([]kv.QuadIndex, error) {
	var out []kv.QuadIndex
	err := db.View(ctx, func(tx hkv.Tx) error {
		b, err := tx.Get(ctx, hkv.Key{[]byte("meta"), []byte("indexes")})
		if err == hkv.ErrNotFound {
			out = kv.DefaultQuadIndexes
			return nil
		}
		if err != nil {
			return err
		}
		return json.Unmarshal(b, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("read index list: %w", err)
	}
	return out, nil
}

// OptimizeShape scans an index by prefix where Cayley's optimiser would
// not (and where it would, since its IndexScan must be built on the
// key-value store itself), and leaves every other shape to it.
func (s prefixStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	if q, ok := sh.(shape.Quads); ok {
		if ls, ok := s.linkScanOf(ctx, q); ok {
			return ls, true
		}
	}
	qa, ok := sh.(shape.QuadsAction)
	if !ok || len(qa.Filter) == 0 {
		return s.QuadStore.OptimizeShape(ctx, sh)
	}
	// the first index that starts with the fixed directions, read by
	// their values in its order
	for _, ind := range s.indexes {
		if len(ind.Dirs) < len(qa.Filter) {
			continue
		}
		vs := make([]uint64, 0, len(qa.Filter))
		for _, d := range ind.Dirs[:len(qa.Filter)] {
			v, ok := qa.Filter[d].(kv.Int64Value)
			if !ok {
				break
			}
			vs = append(vs, uint64(v))
		}
		if len(vs) == len(qa.Filter) {
			return qa.SimplifyFrom(indexScan{src: s.src, index: ind, vals: vs}), true
		}
	}
	return s.QuadStore.OptimizeShape(ctx, sh)
}

// linkScanOf plans the quads of predicate p from a set of nodes on
// direction d (g.V(…).Out(p): d is the subject) as a prefix scan of
// [d, predicate] per node, where the store has such an index; Cayley reads
// every quad of each node and keeps those of p. It reports false when the
// shape is another one, or starts from every node.
func (s prefixStore) linkScanOf(ctx context.Context, q shape.Quads) (shape.Shape, bool) {
	if len(q) != 2 {
		return nil, false
	}
	pi := slices.IndexFunc(q, func(f shape.QuadFilter) bool { return f.Dir == quad.Predicate })
	if pi < 0 {
		return nil, false
	}
	pv, ok := shape.One(q[pi].Values)
	p, isInt := pv.(kv.Int64Value)
	from := q[1-pi]
	if !ok || !isInt || (from.Dir != quad.Subject && from.Dir != quad.Object) {
		return nil, false
	}
	if _, fixed := shape.One(from.Values); fixed {
		return nil, false // QuadsAction's case
	}
	i := slices.IndexFunc(s.indexes, func(ind kv.QuadIndex) bool {
		return len(ind.Dirs) >= 2 && ind.Dirs[0] == from.Dir && ind.Dirs[1] == quad.Predicate
	})
	if i < 0 {
		return nil, false
	}
	if _, all := from.Values.(shape.AllNodes); all {
		return nil, false // every node: one scan of the predicate's quads is cheaper
	}
	return linkScan{src: s.src, index: s.indexes[i], dir: from.Dir, pred: uint64(p), from: from.Values}, true
}

// linkScan is the quads of one predicate whose node on dir is in from.
type linkScan struct {
	src   logSource
	index kv.QuadIndex // starts with [dir, predicate]
	dir   quad.Direction
	pred  uint64
	from  shape.Shape
}

func (l linkScan) BuildIterator(qs graph.QuadStore) iterator.Shape {
	return &linkIter{l: l, from: l.from.BuildIterator(qs)}
}

func (l linkScan) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	var opt bool
	l.from, opt = l.from.Optimize(ctx, r)
	return l, opt
}

type linkIter struct {
	l    linkScan
	from iterator.Shape
}

func (it *linkIter) String() string { return fmt.Sprintf("LinkScan(%v)", it.l.dir) }

func (it *linkIter) Iterate() iterator.Scanner {
	return &linkNext{l: it.l, from: it.from.Iterate()}
}

func (it *linkIter) Lookup() iterator.Index {
	return &linkContains{l: it.l, from: it.from.Lookup()}
}

func (it *linkIter) Stats(ctx context.Context) (iterator.Costs, error) {
	st, err := it.from.Stats(ctx)
	return iterator.Costs{NextCost: st.NextCost + 1, ContainsCost: st.ContainsCost + 1,
		Size: refs.Size{Value: st.Size.Value * 2, Exact: false}}, err
}

func (it *linkIter) Optimize(ctx context.Context) (iterator.Shape, bool) {
	var opt bool
	it.from, opt = it.from.Optimize(ctx)
	return it, opt
}

func (it *linkIter) SubIterators() []iterator.Shape { return []iterator.Shape{it.from} }

// linkNext lists the quads: for each node of from, the index entries of
// [node, predicate], all in one read.
type linkNext struct {
	l      linkScan
	from   iterator.Scanner
	r      *logReader     // begun at the first node
	quads  *indexScanNext // of the current node
	result refs.Ref
	err    error
}

func (n *linkNext) String() string { return "LinkScanNext" }

func (n *linkNext) Next(ctx context.Context) bool {
	for {
		if n.quads != nil {
			if n.quads.Next(ctx) {
				n.result = n.quads.Result()
				return true
			}
			if err := n.quads.Err(); err != nil {
				n.err = err
				return false
			}
			n.quads.Close()
			n.quads = nil
		}
		if !n.from.Next(ctx) {
			n.err = n.from.Err()
			n.endRead()
			return false
		}
		v, ok := n.from.Result().(kv.Int64Value)
		if !ok {
			continue
		}
		if n.r == nil {
			if n.r, n.err = n.l.src.cache.begin(n.l.src.db); n.err != nil {
				return false
			}
		}
		n.quads = indexScan{src: n.l.src, index: n.l.index, vals: []uint64{uint64(v), n.l.pred}}.scanner(n.r)
	}
}

// endRead ends the read of the index, once no quad of it is listed.
func (n *linkNext) endRead() {
	if n.quads != nil {
		n.quads.Close()
		n.quads = nil
	}
	if n.r != nil {
		if err := n.r.close(); err != nil && n.err == nil {
			n.err = err
		}
		n.r = nil
	}
}

func (n *linkNext) NextPath(ctx context.Context) bool { return n.from.NextPath(ctx) }
func (n *linkNext) TagResults(m map[string]refs.Ref)  { n.from.TagResults(m) }
func (n *linkNext) Result() refs.Ref                  { return n.result }
func (n *linkNext) Err() error                        { return n.err }

func (n *linkNext) Close() error {
	n.endRead()
	if err := n.from.Close(); err != nil {
		return err
	}
	return n.err
}

// linkContains checks a quad: of the predicate, and its node on dir in
// from.
type linkContains struct {
	l      linkScan
	from   iterator.Index
	result refs.Ref
	err    error
}

func (c *linkContains) String() string { return "LinkScanContains" }

func (c *linkContains) Contains(ctx context.Context, v refs.Ref) bool {
	p, err := c.l.src.qs.QuadDirection(v, quad.Predicate)
	if err != nil {
		c.err = err
		return false
	}
	if pv, ok := p.(kv.Int64Value); !ok || uint64(pv) != c.l.pred {
		return false
	}
	node, err := c.l.src.qs.QuadDirection(v, c.l.dir)
	if err != nil {
		c.err = err
		return false
	}
	if !c.from.Contains(ctx, node) {
		c.err = c.from.Err()
		return false
	}
	c.result = v
	return true
}

func (c *linkContains) NextPath(ctx context.Context) bool { return c.from.NextPath(ctx) }
func (c *linkContains) TagResults(m map[string]refs.Ref)  { c.from.TagResults(m) }
func (c *linkContains) Result() refs.Ref                  { return c.result }
func (c *linkContains) Err() error                        { return c.err }
func (c *linkContains) Close() error                      { return c.from.Close() }

// RefsOf returns the store's refs of nodes (a ref of id 0 for a value it
// does not hold, as Cayley's), read from the store's value index every
// time. Cayley's own RefsOf and ValueOf keep the ids of IRIs in a cache
// that only Cayley's writer keeps right: newskg's writer (internal/kvwrite)
// also removes values, and an IRI removed and added again has a new id.
func (s prefixStore) RefsOf(ctx context.Context, nodes []quad.Value) ([]graph.Ref, error) {
	out := make([]graph.Ref, len(nodes))
	err := s.db.View(ctx, func(tx hkv.Tx) error {
		for i, v := range nodes {
			out[i] = kv.Int64Value(0)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			b, err := tx.Get(ctx, hkv.Key{[]byte{'v', h[0], h[1]}, h[:]})
			if errors.Is(err, hkv.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			id, _ := binary.Uvarint(b)
			out[i] = kv.Int64Value(id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ValueOf returns the store's ref of v, or nil when it does not hold v;
// see RefsOf.
func (s prefixStore) ValueOf(v quad.Value) (graph.Ref, error) {
	out, err := s.RefsOf(context.TODO(), []quad.Value{v})
	if err != nil {
		return nil, err
	}
	if out[0] == kv.Int64Value(0) {
		return nil, nil
	}
	return out[0], nil
}

// ValuesOf returns the values of refs (nil for a ref of no value), read
// through the log cache.
func (s prefixStore) ValuesOf(ctx context.Context, vals []graph.Ref) ([]quad.Value, error) {
	return s.src.valuesOf(vals)
}

// NameOf returns the value of a ref, nil for a ref of no value.
func (s prefixStore) NameOf(v graph.Ref) (quad.Value, error) {
	var r *logReader
	qv, err := s.src.valueOf(v, &r)
	if r != nil {
		r.close()
	}
	if err != nil {
		return nil, fmt.Errorf("value of %v: %w", v, err)
	}
	return qv, nil
}
