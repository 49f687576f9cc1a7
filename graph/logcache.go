package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	gproto "google.golang.org/protobuf/proto"
)

// Bounds of a logCache, in entries: each of its maps holds at most twice
// this many. Full, a cache held 19-23 MB of heap (walks over every
// mention's anchor, sentence and text of a store of a million quads). A
// list of quads weighs one entry per quad.
const (
	cachedQuads   = 1 << 15
	cachedValues  = 1 << 15
	cachedListed  = 1 << 16
	cachedLongest = 1 << 14 // quads of the longest list kept
)

// logCache keeps entries of the log of a bolt store in Cayley's layout
// decoded between queries: quads as Cayley's primitives, values as quad
// values, and the lists of quads of index scans. Reading an entry from
// the log costs a B-tree search and a protobuf decode, which were two
// thirds of a walk over a thousand quads on a store of a million; the
// walks of a session come back to the same entities, predicates and quads.
//
// The entries are of one state of the store, the last commit a reader
// began at: a reader of an older state neither reads nor fills the cache,
// and the first reader of a newer one empties it. Entries change only in
// commits (a quad added or deleted, a value removed), so an entry read in
// one state is right for every reader of that state. A logCache is safe
// for concurrent use.
type logCache struct {
	mu     sync.Mutex
	state  int // bolt's ID of the commit the entries are of
	quads  recent[uint64, *proto.Primitive]
	values recent[uint64, quad.Value]
	lists  recent[string, []*proto.Primitive] // by index bucket and key prefix
	begun  bool                               // state is the state of a reader
}

func newLogCache() *logCache {
	c := &logCache{}
	c.empty(0)
	return c
}

// empty makes c the empty cache of state.
func (c *logCache) empty(state int) {
	c.state = state
	c.quads = newRecent[uint64, *proto.Primitive](cachedQuads)
	c.values = newRecent[uint64, quad.Value](cachedValues)
	c.lists = newRecent[string, []*proto.Primitive](cachedListed)
}

// recent keeps the entries used most recently, approximately: new entries
// go to cur; when cur weighs max it becomes old and a new cur begins, and
// an entry found in old moves to cur.
type recent[K comparable, V any] struct {
	cur, old map[K]weighed[V]
	weight   int // of cur
	max      int
}

type weighed[V any] struct {
	v V
	w int
}

func newRecent[K comparable, V any](max int) recent[K, V] {
	return recent[K, V]{cur: map[K]weighed[V]{}, old: map[K]weighed[V]{}, max: max}
}

func (r *recent[K, V]) get(k K) (V, bool) {
	if e, ok := r.cur[k]; ok {
		return e.v, true
	}
	e, ok := r.old[k]
	if ok {
		delete(r.old, k)
		r.put(k, e.v, e.w)
	}
	return e.v, ok
}

func (r *recent[K, V]) put(k K, v V, weight int) {
	if r.weight+weight > r.max {
		r.old, r.cur, r.weight = r.cur, make(map[K]weighed[V], len(r.cur)), 0
	}
	r.cur[k] = weighed[V]{v, weight}
	r.weight += weight
}

// begin starts a read of db's current state.
func (c *logCache) begin(db *bolt.DB) (*logReader, error) {
	tx, err := db.Begin(false)
	if err != nil {
		return nil, fmt.Errorf("read store: %w", err)
	}
	r := &logReader{tx: tx, state: tx.ID()}
	c.mu.Lock()
	if r.state > c.state {
		c.empty(r.state)
	}
	c.begun = true
	if r.state == c.state {
		r.cache = c
	}
	c.mu.Unlock()
	return r, nil
}

func (c *logCache) quad(state int, id uint64) (*proto.Primitive, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if state != c.state {
		return nil, false
	}
	return c.quads.get(id)
}

func (c *logCache) putQuad(state int, id uint64, p *proto.Primitive) {
	c.mu.Lock()
	if state == c.state {
		c.quads.put(id, p, 1)
	}
	c.mu.Unlock()
}

func (c *logCache) value(state int, id uint64) (quad.Value, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if state != c.state {
		return nil, false
	}
	return c.values.get(id)
}

// fixedValue returns the cached value of id of a store whose state
// never changes.
func (c *logCache) fixedValue(id uint64) (quad.Value, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.begun {
		return nil, false
	}
	return c.values.get(id)
}

func (c *logCache) putValue(state int, id uint64, v quad.Value) {
	c.mu.Lock()
	if state == c.state {
		c.values.put(id, v, 1)
	}
	c.mu.Unlock()
}

func (c *logCache) list(state int, key string) ([]*proto.Primitive, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if state != c.state {
		return nil, false
	}
	return c.lists.get(key)
}

func (c *logCache) putList(state int, key string, l []*proto.Primitive) {
	c.mu.Lock()
	if state == c.state {
		c.lists.put(key, l, len(l)+1)
	}
	c.mu.Unlock()
}

// logReader reads the log of one state of a store, in a bolt read
// transaction, through the cache of that state.
type logReader struct {
	tx    *bolt.Tx
	log   *bolt.Bucket // opened at the first entry not cached
	state int
	cache *logCache // nil when the cache is of a newer state
	key   [8]byte
}

func (r *logReader) close() error { return r.tx.Rollback() }

// primitive returns the log entry of id (a quad or a value), nil when the
// log has none. Primitives are shared: their readers must not change them.
func (r *logReader) primitive(id uint64) (*proto.Primitive, error) {
	if r.cache != nil {
		if p, ok := r.cache.quad(r.state, id); ok {
			return p, nil
		}
	}
	if r.log == nil {
		if r.log = r.tx.Bucket([]byte("log")); r.log == nil {
			return nil, nil
		}
	}
	binary.BigEndian.PutUint64(r.key[:], id)
	b := r.log.Get(r.key[:])
	if b == nil {
		return nil, nil
	}
	p := new(proto.Primitive)
	if err := gproto.Unmarshal(b, p); err != nil {
		return nil, fmt.Errorf("log entry %d: %w", id, err)
	}
	if r.cache != nil {
		r.cache.putQuad(r.state, id, p)
	}
	return p, nil
}

// value returns the value of id, nil when the log holds no value of id.
func (r *logReader) value(id uint64) (quad.Value, error) {
	if r.cache != nil {
		if v, ok := r.cache.value(r.state, id); ok {
			return v, nil
		}
	}
	p, err := r.primitive(id)
	if err != nil || p == nil || !p.IsNode() {
		return nil, err
	}
	v, err := pquads.UnmarshalValue(p.Value)
	if err != nil {
		return nil, fmt.Errorf("value %d: %w", id, err)
	}
	if r.cache != nil {
		r.cache.putValue(r.state, id, v)
	}
	return v, nil
}

// logSource is where cached scans read: a bolt store in Cayley's layout,
// and its cache.
type logSource struct {
	qs    *kv.QuadStore
	db    *bolt.DB
	cache *logCache
	// fixed says db is open read-only, so its state is the same for every
	// reader: bolt's file lock keeps writers of other processes out, and
	// this one has none. Cached values are then read without a read of the
	// store to learn its state.
	fixed bool
}

// indexScan is the quads of the entries of index whose key starts with
// vals: Cayley's IndexScan, with the quads read through the log cache.
type indexScan struct {
	src   logSource
	index kv.QuadIndex
	vals  []uint64
}

func (s indexScan) BuildIterator(graph.QuadStore) iterator.Shape {
	return &indexScanIter{s: s, cayley: kv.IndexScan{Index: s.index, Values: s.vals}.BuildIterator(s.src.qs)}
}

func (s indexScan) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

// key is the bucket of the scan's index and the prefix of its keys.
func (s indexScan) key() (bucket, prefix []byte) {
	bucket = make([]byte, len(s.index.Dirs))
	for i, d := range s.index.Dirs {
		bucket[i] = d.Prefix()
	}
	prefix = make([]byte, 8*len(s.vals))
	for i, v := range s.vals {
		binary.BigEndian.PutUint64(prefix[8*i:], v)
	}
	return bucket, prefix
}

// indexScanIter lists its quads itself and leaves Cayley's iterator of the
// same scan the rest: its estimates, and checking a quad (which reads
// nothing).
type indexScanIter struct {
	s      indexScan
	cayley iterator.Shape
}

func (it *indexScanIter) String() string { return fmt.Sprintf("CachedIndexScan(%v)", it.s.index) }

func (it *indexScanIter) Iterate() iterator.Scanner { return it.s.scanner(nil) }

func (it *indexScanIter) Lookup() iterator.Index { return it.cayley.Lookup() }

func (it *indexScanIter) Stats(ctx context.Context) (iterator.Costs, error) {
	return it.cayley.Stats(ctx)
}

func (it *indexScanIter) Optimize(ctx context.Context) (iterator.Shape, bool) { return it, false }

func (it *indexScanIter) SubIterators() []iterator.Shape { return nil }

// scanner lists the scan's quads in r, or in a read of its own when r is
// nil.
func (s indexScan) scanner(r *logReader) *indexScanNext {
	bucket, prefix := s.key()
	return &indexScanNext{src: s.src, bucket: bucket, prefix: prefix, r: r, own: r == nil}
}

type indexScanNext struct {
	src            logSource
	bucket, prefix []byte
	r              *logReader
	own            bool // r is the scanner's, closed when it ends
	started        bool
	// the quads come from the cache (cached) or from the index (cur, ids)
	fromCache bool
	cached    []*proto.Primitive
	cur       *bolt.Cursor
	ids       []byte             // the rest of the current entry's list of quad ids
	read      []*proto.Primitive // the quads listed, for the cache while keep
	keep      bool
	result    *proto.Primitive
	err       error
	done      bool
}

func (n *indexScanNext) String() string { return "CachedIndexScanNext" }

// cacheKey names the scan's list in the cache.
func (n *indexScanNext) cacheKey() string {
	return string(n.bucket) + "\x00" + string(n.prefix)
}

func (n *indexScanNext) Next(ctx context.Context) bool {
	n.result = nil
	if n.done {
		return false
	}
	if !n.started && !n.start() {
		return false
	}
	if n.fromCache {
		if len(n.cached) == 0 {
			n.finish()
			return false
		}
		n.result, n.cached = n.cached[0], n.cached[1:]
		return true
	}
	for {
		id, ok := n.nextID()
		if !ok {
			return false
		}
		p, err := n.r.primitive(id)
		if err != nil {
			n.err = err
			n.finish()
			return false
		}
		if p == nil || p.Deleted {
			continue
		}
		if n.keep {
			if n.read = append(n.read, p); len(n.read) > cachedLongest {
				n.keep, n.read = false, nil
			}
		}
		n.result = p
		return true
	}
}

// start begins the read, and finds the scan's list in the cache or the
// first entry of the index.
func (n *indexScanNext) start() bool {
	n.started = true
	if n.r == nil {
		if n.r, n.err = n.src.cache.begin(n.src.db); n.err != nil {
			n.finish()
			return false
		}
	}
	if n.r.cache != nil {
		if n.cached, n.fromCache = n.r.cache.list(n.r.state, n.cacheKey()); n.fromCache {
			return true
		}
		n.keep = true
	}
	b := n.r.tx.Bucket(n.bucket)
	if b == nil {
		n.finish()
		return false
	}
	n.cur = b.Cursor()
	k, v := n.cur.Seek(n.prefix)
	if k == nil || !bytes.HasPrefix(k, n.prefix) {
		n.end()
		return false
	}
	n.ids = v // nil for a nested bucket, which holds no quad
	return true
}

// nextID returns the next id of the index, and false at its end.
func (n *indexScanNext) nextID() (uint64, bool) {
	for len(n.ids) == 0 {
		k, v := n.cur.Next()
		if k == nil || !bytes.HasPrefix(k, n.prefix) {
			n.end()
			return 0, false
		}
		n.ids = v
	}
	id, w := binary.Uvarint(n.ids)
	if w <= 0 {
		n.err = fmt.Errorf("index %q entry %x: bad list of quad ids", n.bucket, n.prefix)
		n.finish()
		return 0, false
	}
	n.ids = n.ids[w:]
	return id, true
}

// end ends a scan that read the index to its end, keeping the list in the
// cache.
func (n *indexScanNext) end() {
	if n.keep {
		n.r.cache.putList(n.r.state, n.cacheKey(), slices.Clip(n.read))
	}
	n.finish()
}

// finish ends the scan, and its read when the read is its own (bolt's
// pages under the ids are not read after).
func (n *indexScanNext) finish() {
	n.done, n.ids, n.cur, n.cached, n.keep, n.read = true, nil, nil, nil, false, nil
	if n.own && n.r != nil {
		if err := n.r.close(); err != nil && n.err == nil {
			n.err = err
		}
		n.r = nil
	}
}

func (n *indexScanNext) NextPath(ctx context.Context) bool { return false }
func (n *indexScanNext) TagResults(map[string]refs.Ref)    {}
func (n *indexScanNext) Err() error                        { return n.err }

func (n *indexScanNext) Result() refs.Ref {
	if n.result == nil {
		return nil
	}
	return n.result
}

func (n *indexScanNext) Close() error {
	n.finish()
	return n.err
}

// valuesOf returns the values of vals read through the cache, as Cayley's
// ValuesOf: nil for a ref of no value.
func (src logSource) valuesOf(vals []graph.Ref) (_ []quad.Value, err error) {
	out := make([]quad.Value, len(vals))
	var r *logReader
	defer func() {
		if r != nil {
			r.close()
		}
	}()
	for i, v := range vals {
		if out[i], err = src.valueOf(v, &r); err != nil {
			return out, err
		}
	}
	return out, nil
}

// valueOf returns the value of v, beginning *r when it reads the store.
func (src logSource) valueOf(v graph.Ref, r **logReader) (quad.Value, error) {
	if v == nil {
		return nil, nil
	}
	if pv, ok := v.(refs.PreFetchedValue); ok {
		return pv.NameOf(), nil
	}
	id, ok := v.(kv.Int64Value)
	if !ok {
		return nil, fmt.Errorf("not a ref of a value of this store: %#v", v)
	}
	if id == 0 {
		return nil, nil
	}
	if src.fixed {
		if qv, ok := src.cache.fixedValue(uint64(id)); ok {
			return qv, nil
		}
	}
	if *r == nil {
		var err error
		if *r, err = src.cache.begin(src.db); err != nil {
			return nil, err
		}
	}
	return (*r).value(uint64(id))
}
