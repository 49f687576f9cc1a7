// Package kvwrite applies changes to a Cayley key-value quad store kept in
// bolt. It writes the keys and values Cayley's kv.QuadStore writes, so that
// Cayley (ours or upstream's) reads the store as its own, but it gathers
// them per bucket and writes each bucket's keys in order: bolt writes sorted
// keys several times faster than keys in the order Cayley meets them, and
// Cayley's writer spends as much again on its own bookkeeping.
//
// The layout (Cayley's graph/kv, data version 2):
//
//	meta/horizon, meta/size      little-endian int64: the last id given, the live quads
//	log/<id: 8 bytes big-endian> a Cayley proto Primitive: a value (Value set) or a quad
//	                             (its values' ids; Deleted once removed)
//	v<h0><h1>/<h>                a value's id (uvarint); h is the SHA-1 of the value's String
//	n<h0><h1>/<h>                how many quad directions use the value (uvarint)
//	<index>/<ids>                for each index of the store (meta/indexes), the ids of
//	                             the quads with those values: uvarints, in the order written
//
// Ids are given as Cayley gives them: first the batch's new values in the
// order of their hashes, then its new quads in the order of the changes.
// Two things differ, both where Cayley is wrong: a value's reference count
// counts the quads really added (Cayley also counts a duplicate's values),
// and a value that a batch both adds and deletes is never lost (see
// graph's resolvable).
//
// Cayley's reader keeps the ids of IRIs in a cache that its own writer
// updates: a store this package writes must be read through lookups that
// skip it (graph's prefixStore does), since an IRI removed and added again
// gets a new id.
package kvwrite

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"google.golang.org/protobuf/proto"
)

// maxCached bounds the value ids a Writer remembers between batches.
const maxCached = 1 << 16

// Writer writes batches of changes into one bolt database. It is safe for
// concurrent use: batches are written one at a time, as bolt runs one
// write transaction at a time anyway.
type Writer struct {
	mu      sync.Mutex // held through Apply
	db      *bolt.DB
	indexes []kv.QuadIndex
	// exact is the index whose key fixes subject, predicate and object,
	// where a quad is looked for before it is added or deleted
	exact int
	// ids holds ids of values known to be in the store after the last
	// commit: a value found here is not looked up again
	ids map[refs.ValueHash]uint64
}

// New returns a Writer for the Cayley store in db, reading the indexes it
// keeps from its meta/indexes entry. It fails for a store without that
// entry (Cayley before 0.7.6 had none) or without an index that fixes
// subject, predicate and object together, where the Writer finds quads.
func New(db *bolt.DB) (*Writer, error) {
	var indexes []kv.QuadIndex
	err := db.View(func(tx *bolt.Tx) error {
		r := reader{tx: tx}
		b := r.get(metaBucket, []byte("indexes"))
		if b == nil {
			return errors.New("the store lists no indexes")
		}
		return json.Unmarshal(b, &indexes)
	})
	if err != nil {
		return nil, fmt.Errorf("kvwrite: %w", err)
	}
	exact := -1
	for i, ind := range indexes {
		if hasDirs(ind.Dirs, quad.Subject, quad.Predicate, quad.Object) && (exact < 0 || len(ind.Dirs) < len(indexes[exact].Dirs)) {
			exact = i
		}
	}
	if exact < 0 {
		return nil, fmt.Errorf("kvwrite: no index of %v fixes subject, predicate and object", indexes)
	}
	return &Writer{db: db, indexes: indexes, exact: exact, ids: map[refs.ValueHash]uint64{}}, nil
}

func hasDirs(dirs []quad.Direction, want ...quad.Direction) bool {
	for _, d := range want {
		if !slices.Contains(dirs, d) {
			return false
		}
	}
	return true
}

// value is one value a batch uses.
type value struct {
	v       quad.Value
	hash    refs.ValueHash
	id      uint64 // 0 until found in the store or given
	isNew   bool
	added   int // directions of quads added that use it
	deleted int // directions of quads deleted that use it
}

// change is one delta with its values.
type change struct {
	vals [4]*value // by quad.Directions order; nil for a missing label
	del  bool
}

func (c *change) key() (k [4]uint64, ok bool) {
	for i, v := range c.vals {
		if v == nil {
			continue
		}
		if v.id == 0 {
			return k, false
		}
		k[i] = v.id
	}
	return k, true
}

// Apply writes the deltas in one transaction: additions of quads the store
// holds and deletions of quads it does not hold are skipped (Cayley's
// IgnoreDup and IgnoreMissing), and a quad both added and deleted is
// deleted (Cayley adds first).
func (w *Writer) Apply(ctx context.Context, deltas []graph.Delta) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.write(ctx, deltas)
}

// write is Apply without the lock.
func (w *Writer) write(ctx context.Context, deltas []graph.Delta) error {
	var (
		fresh map[refs.ValueHash]uint64
		gone  []refs.ValueHash
	)
	err := w.db.Update(func(tx *bolt.Tx) error {
		var err error
		fresh, gone, err = w.apply(ctx, tx, deltas)
		return err
	})
	if err != nil {
		return err
	}
	if len(w.ids)+len(fresh) > maxCached {
		clear(w.ids)
	}
	for h, id := range fresh {
		w.ids[h] = id
	}
	for _, h := range gone {
		delete(w.ids, h)
	}
	return nil
}

// writes gathers a transaction's writes per top-level bucket; a nil value
// deletes its key. A batch writes each key once. Keys and values are cut
// from a few large buffers, which bolt needs to stay as they are until the
// transaction commits.
type writes struct {
	buckets map[bucketName][]kvPair
	buf     []byte
}

func newWrites() *writes { return &writes{buckets: map[bucketName][]kvPair{}} }

// bucketName is a bucket's name (at most 4 bytes in Cayley's layout: an
// index of four directions) after its length.
type bucketName [5]byte

func nameOf(b []byte) bucketName {
	var n bucketName
	n[0] = byte(len(b))
	copy(n[1:], b)
	return n
}

func (n bucketName) bytes() []byte { return n[1 : 1+n[0]] }

type kvPair struct{ k, v []byte }

func (ws *writes) put(bucket, k, v []byte) {
	n := nameOf(bucket)
	ws.buckets[n] = append(ws.buckets[n], kvPair{k, v})
}

// alloc returns an empty slice with room for n bytes, from the buffer.
func (ws *writes) alloc(n int) []byte {
	if cap(ws.buf)-len(ws.buf) < n {
		ws.buf = make([]byte, 0, max(1<<16, n))
	}
	b := ws.buf[len(ws.buf) : len(ws.buf) : len(ws.buf)+n]
	ws.buf = ws.buf[:len(ws.buf)+n]
	return b
}

func (ws *writes) idKey(id uint64) []byte { return binary.BigEndian.AppendUint64(ws.alloc(8), id) }

func (ws *writes) uvarint(x uint64) []byte {
	return binary.AppendUvarint(ws.alloc(binary.MaxVarintLen64), x)
}

// primitive encodes a log entry as proto.Marshal encodes a Cayley
// Primitive (fields in number order, zero values left out).
func (ws *writes) primitive(p *cproto.Primitive) []byte {
	b := ws.alloc(7*(1+binary.MaxVarintLen64) + 1 + binary.MaxVarintLen64 + len(p.Value) + 2)
	field := func(num byte, x uint64) {
		if x != 0 {
			b = append(b, num<<3)
			b = binary.AppendUvarint(b, x)
		}
	}
	field(1, p.ID)
	field(2, p.Subject)
	field(3, p.Predicate)
	field(4, p.Object)
	field(5, p.Label)
	field(6, p.Replaces)
	field(7, uint64(p.Timestamp))
	if len(p.Value) > 0 {
		b = append(b, 8<<3|2)
		b = binary.AppendUvarint(b, uint64(len(p.Value)))
		b = append(b, p.Value...)
	}
	if p.Deleted {
		b = append(b, 9<<3, 1)
	}
	return b
}

func (ws *writes) putPrimitive(p *cproto.Primitive) {
	ws.put(logBucket, ws.idKey(p.ID), ws.primitive(p))
}

// flush writes every bucket's keys in order, creating the buckets.
func (ws *writes) flush(tx *bolt.Tx) error {
	names := make([]bucketName, 0, len(ws.buckets))
	for name := range ws.buckets {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b bucketName) int { return bytes.Compare(a.bytes(), b.bytes()) })
	for _, name := range names {
		pairs := ws.buckets[name]
		slices.SortFunc(pairs, func(a, b kvPair) int { return bytes.Compare(a.k, b.k) })
		b, err := tx.CreateBucketIfNotExists(name.bytes())
		if err != nil {
			return fmt.Errorf("bucket %q: %w", name.bytes(), err)
		}
		if bytes.Equal(name.bytes(), logBucket) {
			// ids only grow: pages filled up are never split again
			b.FillPercent = 1
		}
		for _, p := range pairs {
			if p.v == nil {
				err = b.Delete(p.k)
			} else {
				err = b.Put(p.k, p.v)
			}
			if err != nil {
				return fmt.Errorf("bucket %q: %w", name.bytes(), err)
			}
		}
	}
	return nil
}

var (
	metaBucket = []byte("meta")
	logBucket  = []byte("log")
)

func valueBucket(h refs.ValueHash) []byte { return []byte{'v', h[0], h[1]} }
func refsBucket(h refs.ValueHash) []byte  { return []byte{'n', h[0], h[1]} }

func (w *Writer) apply(ctx context.Context, tx *bolt.Tx, deltas []graph.Delta) (fresh map[refs.ValueHash]uint64, gone []refs.ValueHash, err error) {
	r := reader{tx: tx}
	// the batch's values, each once
	byHash := map[refs.ValueHash]*value{}
	hashes := hashCache{}
	changes := make([]change, len(deltas))
	for i, d := range deltas {
		switch d.Action {
		case graph.Add:
		case graph.Delete:
			changes[i].del = true
		default:
			return nil, nil, fmt.Errorf("kvwrite: delta %d: unknown action %v", i, d.Action)
		}
		for j, dir := range quad.Directions {
			v := d.Quad.Get(dir)
			if v == nil {
				continue
			}
			h := hashes.of(v)
			val := byHash[h]
			if val == nil {
				val = &value{v: v, hash: h}
				byHash[h] = val
			}
			changes[i].vals[j] = val
		}
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
	}
	vals := make([]*value, 0, len(byHash))
	for _, v := range byHash {
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b *value) int { return bytes.Compare(a.hash[:], b.hash[:]) })

	// find the values the store holds, in hash order
	for _, v := range vals {
		if id, ok := w.ids[v.hash]; ok {
			v.id = id
		} else if b := r.get(valueBucket(v.hash), v.hash[:]); b != nil {
			v.id, _ = binary.Uvarint(b)
		}
	}
	// give the values that additions bring ids, in hash order, as Cayley does
	for _, c := range changes {
		if c.del {
			continue
		}
		for _, v := range c.vals {
			if v != nil && v.id == 0 {
				v.isNew = true
			}
		}
	}
	before := uint64(r.metaInt("horizon"))
	next := int64(before)
	for _, v := range vals {
		if v.isNew {
			next++
			v.id = uint64(next)
		}
	}

	// which quads are added and deleted
	deleting := map[[4]uint64]bool{}
	for i := range changes {
		if k, ok := changes[i].key(); ok && changes[i].del {
			deleting[k] = true
		}
	}
	seen := map[[4]uint64]bool{}
	var added []*change
	var dead []*cproto.Primitive
	for i := range changes {
		c := &changes[i]
		k, ok := c.key()
		if !ok || seen[k] {
			continue // a deletion with a value the store lacks, or a repeat
		}
		if !c.del && deleting[k] {
			continue // added, then deleted by Cayley's order: its deletion decides
		}
		seen[k] = true
		isNew := false
		for _, v := range c.vals {
			isNew = isNew || (v != nil && v.isNew)
		}
		var held *cproto.Primitive
		if !isNew {
			if held, err = w.find(&r, k); err != nil {
				return nil, nil, err
			}
		}
		switch {
		case !c.del && held == nil:
			added = append(added, c)
			for _, v := range c.vals {
				if v != nil {
					v.added++
				}
			}
		case c.del && held != nil:
			held.Deleted = true
			dead = append(dead, held)
			for _, v := range c.vals {
				if v != nil {
					v.deleted++
				}
			}
		}
	}

	ws := newWrites()
	now := time.Now().UnixNano()
	fresh = map[refs.ValueHash]uint64{}
	// values: new ones, and every changed reference count
	for _, v := range vals {
		if v.isNew {
			if v.added == 0 {
				continue // cannot happen: a new value's quads are new
			}
			b, err := pquads.MarshalValue(v.v)
			if err != nil {
				return nil, nil, fmt.Errorf("kvwrite: value %v: %w", v.v, err)
			}
			ws.putPrimitive(&cproto.Primitive{ID: v.id, Value: b, Timestamp: now})
			ws.put(valueBucket(v.hash), v.hash[:], ws.uvarint(v.id))
			ws.put(refsBucket(v.hash), v.hash[:], ws.uvarint(uint64(v.added)))
			fresh[v.hash] = v.id
			continue
		}
		if v.id == 0 {
			continue // only in deletions, and not in the store
		}
		fresh[v.hash] = v.id
		if v.added == 0 && v.deleted == 0 {
			continue
		}
		var held uint64 // the store's reference count before the batch
		if b := r.get(refsBucket(v.hash), v.hash[:]); b != nil {
			held, _ = binary.Uvarint(b)
		}
		n := int64(held) + int64(v.added) - int64(v.deleted)
		if n > 0 {
			ws.put(refsBucket(v.hash), v.hash[:], ws.uvarint(uint64(n)))
			continue
		}
		// no quad uses it: remove it, as Cayley does
		ws.put(refsBucket(v.hash), v.hash[:], nil)
		ws.put(valueBucket(v.hash), v.hash[:], nil)
		ws.put(logBucket, ws.idKey(v.id), nil)
		delete(fresh, v.hash)
		gone = append(gone, v.hash)
	}

	// new quads: the log and every index
	lists := make([]map[[4]uint64][]uint64, len(w.indexes)) // by the index's key, its ids in order
	for i := range lists {
		lists[i] = map[[4]uint64][]uint64{}
	}
	for _, c := range added {
		next++
		p := &cproto.Primitive{ID: uint64(next), Timestamp: now}
		for i, dir := range quad.Directions {
			if v := c.vals[i]; v != nil {
				p.SetDirection(dir, v.id)
			}
		}
		ws.putPrimitive(p)
		for i, ind := range w.indexes {
			var k [4]uint64
			for j, d := range ind.Dirs {
				k[j] = p.GetDirection(d)
			}
			lists[i][k] = append(lists[i][k], p.ID)
		}
	}
	for i, ind := range w.indexes {
		bucket := indexBucket(ind)
		keys := make([][4]uint64, 0, len(lists[i]))
		for k := range lists[i] {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b [4]uint64) int { return slices.Compare(a[:], b[:]) })
		for _, k := range keys {
			ids := lists[i][k]
			key := ws.alloc(8 * len(ind.Dirs))
			isNew := false
			for _, id := range k[:len(ind.Dirs)] {
				key = binary.BigEndian.AppendUint64(key, id)
				isNew = isNew || id > before
			}
			var old []byte
			if !isNew { // else no quad had the key before
				old = r.get(bucket, key)
			}
			buf := ws.alloc(len(old) + binary.MaxVarintLen64*len(ids))
			buf = append(buf, old...)
			for _, id := range ids {
				buf = binary.AppendUvarint(buf, id)
			}
			ws.put(bucket, key, buf)
		}
	}
	// deleted quads stay in the log, marked
	for _, p := range dead {
		ws.putPrimitive(p)
	}
	if len(added) > 0 || len(dead) > 0 {
		if next != r.metaInt("horizon") {
			ws.put(metaBucket, []byte("horizon"), le64(next))
		}
		ws.put(metaBucket, []byte("size"), le64(r.metaInt("size")+int64(len(added))-int64(len(dead))))
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := ws.flush(tx); err != nil {
		return nil, nil, fmt.Errorf("kvwrite: %w", err)
	}
	return fresh, gone, nil
}

// find returns the live quad with the values of key k from the log, or
// nil.
func (w *Writer) find(r *reader, k [4]uint64) (*cproto.Primitive, error) {
	want := cproto.Primitive{Subject: k[0], Predicate: k[1], Object: k[2], Label: k[3]}
	ind := w.indexes[w.exact]
	list := r.get(indexBucket(ind), indexKey(ind, &want))
	var ids []uint64
	for len(list) > 0 {
		id, n := binary.Uvarint(list)
		if n <= 0 {
			return nil, fmt.Errorf("kvwrite: index %s: bad id list", indexBucket(ind))
		}
		ids = append(ids, id)
		list = list[n:]
	}
	for i := len(ids) - 1; i >= 0; i-- { // the newest first, as Cayley looks
		b := r.get(logBucket, binary.BigEndian.AppendUint64(nil, ids[i]))
		if b == nil {
			continue
		}
		var p cproto.Primitive
		if err := proto.Unmarshal(b, &p); err != nil {
			return nil, fmt.Errorf("kvwrite: log entry %d: %w", ids[i], err)
		}
		if !p.Deleted && p.IsSameLink(&want) {
			return &p, nil
		}
	}
	return nil, nil
}

// hashCache hashes each value of a batch once (predicates and entities
// recur in most quads).
type hashCache map[quad.Value]refs.ValueHash

func (c hashCache) of(v quad.Value) refs.ValueHash {
	switch v.(type) {
	case quad.IRI, quad.String, quad.BNode, quad.TypedString, quad.LangString:
		// comparable, and the kinds of nearly every value
	default:
		return refs.HashOf(v)
	}
	if h, ok := c[v]; ok {
		return h
	}
	h := refs.HashOf(v)
	c[v] = h
	return h
}

func indexBucket(ind kv.QuadIndex) []byte {
	b := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		b[i] = d.Prefix()
	}
	return b
}

func indexKey(ind kv.QuadIndex, p *cproto.Primitive) []byte {
	k := make([]byte, 0, 8*len(ind.Dirs))
	for _, d := range ind.Dirs {
		k = binary.BigEndian.AppendUint64(k, p.GetDirection(d))
	}
	return k
}

func le64(x int64) []byte { return binary.LittleEndian.AppendUint64(nil, uint64(x)) }

// reader reads a transaction's buckets, keeping the last one it opened.
type reader struct {
	tx       *bolt.Tx
	last     *bolt.Bucket
	lastName []byte
}

// get returns the value of key in the top-level bucket, or nil. The value
// is valid for the transaction, until it writes.
func (r *reader) get(bucket, key []byte) []byte {
	if r.lastName == nil || !bytes.Equal(r.lastName, bucket) {
		r.last, r.lastName = r.tx.Bucket(bucket), append(r.lastName[:0], bucket...)
	}
	if r.last == nil {
		return nil
	}
	return r.last.Get(key)
}

func (r *reader) metaInt(key string) int64 {
	b := r.get(metaBucket, []byte(key))
	if len(b) != 8 {
		return 0
	}
	return int64(binary.LittleEndian.Uint64(b))
}
