// Package boltkv gives a bolt database the key-value interface Cayley's
// kv quad store is written against (github.com/hidal-go/hidalgo/kv), like
// hidalgo's own kv/bolt adapter, with the same layout on disk: a key of n
// parts is the last part's entry in the nested bucket the other parts
// name, and a one-part key is an entry of bolt's root bucket.
//
// It differs from hidalgo's adapter in what writes cost: Put finds a bucket
// the transaction already opened without looking for it in the file again
// (hidalgo's CreateBucketIfNotExists searched its parent's B-tree on every
// Put, 6-8% of a load's CPU).
package boltkv

import (
	"bytes"
	"context"
	"errors"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// DB is a bolt database seen as a hidalgo key-value store.
type DB struct{ db *bolt.DB }

var _ hkv.KV = (*DB)(nil)

// New wraps an open bolt database. Closing the DB closes it.
func New(db *bolt.DB) *DB { return &DB{db: db} }

// Bolt returns the bolt database.
func (d *DB) Bolt() *bolt.DB { return d.db }

// Close closes the bolt database.
func (d *DB) Close() error { return d.db.Close() }

// Tx begins a transaction, read-write when rw is true.
func (d *DB) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	tx, err := d.db.Begin(rw)
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx}, nil
}

// View runs fn in a read-only transaction.
func (d *DB) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, d, fn)
}

// Update runs fn in a read-write transaction and commits it when fn
// returns no error.
func (d *DB) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, d, fn)
}

// Tx is a bolt transaction.
type Tx struct {
	tx *bolt.Tx
	// last is the top-level bucket a read-only transaction opened last,
	// named lastName: bolt caches buckets for writable transactions only,
	// and otherwise finds a bucket in the root again on every read (a
	// quarter of a query that reads the log, whose reads go to one
	// bucket).
	last     *bolt.Bucket
	lastName []byte
}

var _ hkv.Tx = (*Tx)(nil)

// root is bolt's root bucket, whose entries are the one-part keys (bolt
// keeps the buckets there too).
func (t *Tx) root() *bolt.Bucket { return t.tx.Cursor().Bucket() }

// bucket returns the bucket that holds key's last part, or nil when a
// bucket on the way does not exist.
func (t *Tx) bucket(key hkv.Key) *bolt.Bucket {
	if len(key) <= 1 {
		return t.root()
	}
	var b *bolt.Bucket
	switch {
	case t.tx.Writable():
		b = t.tx.Bucket(key[0]) // bolt caches the buckets a writable transaction opened
	case t.last != nil && bytes.Equal(t.lastName, key[0]):
		b = t.last
	default:
		b = t.tx.Bucket(key[0])
		t.last, t.lastName = b, append(t.lastName[:0], key[0]...)
	}
	for _, part := range key[1 : len(key)-1] {
		if b == nil {
			return nil
		}
		b = b.Bucket(part)
	}
	return b
}

// Get returns the value of key, or hkv.ErrNotFound.
func (t *Tx) Get(ctx context.Context, key hkv.Key) (hkv.Value, error) {
	if len(key) == 0 {
		return nil, hkv.ErrNotFound
	}
	b := t.bucket(key)
	if b == nil {
		return nil, hkv.ErrNotFound
	}
	v := b.Get(key[len(key)-1])
	if v == nil {
		return nil, hkv.ErrNotFound
	}
	return v, nil
}

// GetBatch returns the values of keys, nil for a key that does not exist.
func (t *Tx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	vals := make([]hkv.Value, len(keys))
	for i, key := range keys {
		if len(key) == 0 {
			continue
		}
		if b := t.bucket(key); b != nil {
			vals[i] = b.Get(key[len(key)-1])
		}
	}
	return vals, nil
}

// Put sets key to v, creating the buckets its parts name. A key whose last
// part and value are both empty only creates the buckets.
func (t *Tx) Put(ctx context.Context, key hkv.Key, v hkv.Value) error {
	if len(key) == 0 {
		return errors.New("boltkv: empty key")
	}
	if !t.tx.Writable() {
		return hkv.ErrReadOnly
	}
	var b *bolt.Bucket
	if len(key) == 1 {
		b = t.root()
	} else {
		var err error
		if b = t.tx.Bucket(key[0]); b == nil {
			if b, err = t.tx.CreateBucket(key[0]); err != nil {
				return err
			}
		}
		for _, part := range key[1 : len(key)-1] {
			next := b.Bucket(part)
			if next == nil {
				if next, err = b.CreateBucket(part); err != nil {
					return err
				}
			}
			b = next
		}
	}
	last := key[len(key)-1]
	if len(last) == 0 && len(v) == 0 {
		return nil // the buckets only
	}
	return b.Put(last, v)
}

// Del deletes key; a key that does not exist is no error.
func (t *Tx) Del(ctx context.Context, key hkv.Key) error {
	if len(key) == 0 {
		return nil
	}
	if !t.tx.Writable() {
		return hkv.ErrReadOnly
	}
	b := t.bucket(key)
	if b == nil {
		return nil
	}
	return b.Delete(key[len(key)-1])
}

// Commit commits the transaction.
func (t *Tx) Commit(ctx context.Context) error { return t.tx.Commit() }

// Close rolls the transaction back unless it was committed.
func (t *Tx) Close() error {
	if err := t.tx.Rollback(); err != nil && !errors.Is(err, bolt.ErrTxClosed) {
		return err
	}
	return nil
}

// Scan iterates over every key in order, the entries of nested buckets at
// the place of their bucket, as full keys.
func (t *Tx) Scan(ctx context.Context, opts ...hkv.IteratorOption) hkv.Iterator {
	it := &Iterator{tx: t}
	it.Reset()
	return hkv.ApplyIteratorOptions(it, opts)
}

// Iterator walks the entries under a bucket in key order, going into
// nested buckets depth first.
type Iterator struct {
	tx    *Tx
	base  *bolt.Bucket // the bucket iterated; nil when it does not exist
	baseK hkv.Key      // its key, the start of every key returned
	pref  hkv.Key      // the rest of the prefix, under base
	// a cursor per level from base down, and the key part of each bucket
	// gone into
	curs  []*bolt.Cursor
	parts hkv.Key
	k, v  []byte
	done  bool
}

var (
	_ hkv.Seeker         = (*Iterator)(nil)
	_ hkv.PrefixIterator = (*Iterator)(nil)
)

// Reset goes back before the first entry.
func (it *Iterator) Reset() {
	if it.base == nil && it.baseK == nil {
		it.base = it.tx.root()
	}
	it.curs, it.parts = it.curs[:0], it.parts[:0]
	it.k, it.v, it.done = nil, nil, false
}

// WithPrefix restricts the iterator to keys that start with pref: whole
// parts for all but its last, whose bytes must start the key's part there.
func (it *Iterator) WithPrefix(pref hkv.Key) hkv.Iterator {
	*it = Iterator{tx: it.tx}
	if len(pref) == 0 {
		it.Reset()
		return it
	}
	b := it.tx.root()
	for _, part := range pref[:len(pref)-1] {
		if b = b.Bucket(part); b == nil {
			break // no such bucket: nothing to iterate
		}
	}
	it.base, it.baseK, it.pref = b, pref[:len(pref)-1].Clone(), hkv.Key{pref[len(pref)-1]}
	if it.baseK == nil {
		it.baseK = hkv.Key{}
	}
	it.Reset()
	return it
}

// first positions cursor c of the given level: at seek's part there (not
// before the prefix's), else at the prefix's, else at the first entry.
func (it *Iterator) first(c *bolt.Cursor, level int, seek hkv.Key) ([]byte, []byte) {
	var target []byte
	if level < len(seek) {
		target = seek[level]
	}
	if level < len(it.pref) && bytes.Compare(target, it.pref[level]) < 0 {
		target = it.pref[level]
	}
	if target == nil {
		return c.First()
	}
	return c.Seek(target)
}

// next moves to the next entry; with seek (key parts under base) not nil,
// to the first entry at or after seek.
func (it *Iterator) next(seek hkv.Key) bool {
	if it.done || it.base == nil {
		return false
	}
	var k, v []byte
	if len(it.curs) == 0 || seek != nil {
		c := it.base.Cursor()
		it.curs, it.parts = append(it.curs[:0], c), it.parts[:0]
		k, v = it.first(c, 0, seek)
	} else {
		k, v = it.curs[len(it.curs)-1].Next()
	}
	for {
		level := len(it.curs) - 1
		if k == nil || (level < len(it.pref) && !bytes.HasPrefix(k, it.pref[level])) {
			// this level is done: back up to the bucket's parent
			it.curs = it.curs[:level]
			if level == 0 {
				it.done, it.k, it.v = true, nil, nil
				return false
			}
			it.parts = it.parts[:level-1]
			k, v = it.curs[level-1].Next()
			seek = nil
			continue
		}
		if v == nil { // a nested bucket: go into it
			if child := it.curs[level].Bucket().Bucket(k); child != nil {
				if level >= len(seek) || !bytes.Equal(k, seek[level]) {
					seek = nil // past the sought key: from the bucket's start
				}
				c := child.Cursor()
				it.parts = append(it.parts, k)
				it.curs = append(it.curs, c)
				k, v = it.first(c, level+1, seek)
				continue
			}
		}
		it.k, it.v = k, v
		return true
	}
}

// Next moves to the next entry.
func (it *Iterator) Next(ctx context.Context) bool { return it.next(nil) }

// Seek moves to the first entry at or after key.
func (it *Iterator) Seek(ctx context.Context, key hkv.Key) bool {
	it.Reset()
	if !key.HasPrefix(it.baseK) {
		if compareKeys(key, it.baseK) < 0 {
			return it.next(nil) // before every key here
		}
		it.done = true
		return false
	}
	rest := key[len(it.baseK):]
	if len(rest) == 0 {
		return it.next(nil)
	}
	return it.next(rest)
}

// compareKeys orders keys part by part.
func compareKeys(a, b hkv.Key) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := bytes.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// Key returns the current entry's full key, a copy the caller may keep.
func (it *Iterator) Key() hkv.Key {
	if it.k == nil || it.done {
		return nil
	}
	key := make(hkv.Key, 0, len(it.baseK)+len(it.parts)+1)
	for _, p := range it.baseK {
		key = append(key, bytes.Clone(p))
	}
	for _, p := range it.parts {
		key = append(key, bytes.Clone(p))
	}
	return append(key, bytes.Clone(it.k))
}

// Val returns the current entry's value, valid until the next move.
func (it *Iterator) Val() hkv.Value {
	if it.done {
		return nil
	}
	return it.v
}

// Err is always nil: bolt reports no errors while iterating.
func (it *Iterator) Err() error { return nil }

// Close ends the iteration.
func (it *Iterator) Close() error {
	*it = Iterator{tx: it.tx, base: nil, baseK: hkv.Key{}, done: true}
	return nil
}
