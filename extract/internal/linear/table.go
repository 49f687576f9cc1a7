// Package linear holds what the project's linear models share: features
// hashed to 64 bits, a fast table from features to weight rows, and a
// multiclass averaged perceptron.
package linear

// Feature is a hashed feature: FNV-1a over a template name and its values.
type Feature uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hash hashes a feature's template name and values.
func Hash(parts ...string) Feature {
	h := uint64(fnvOffset)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= fnvPrime
		}
		h ^= 0xff // separator
		h *= fnvPrime
	}
	return Feature(h)
}

// Table maps features to weight rows: open addressing with linear
// probing over 64-bit keys, faster to read than a map on a model's hot
// path. A key and its row share a slot, so a lookup touches one cache
// line. Key 0 marks an empty slot; the feature hash 0 is stored aside.
type Table struct {
	slots   []slot
	mask    uint64
	zero    int32 // row of feature 0, or -1
	entries int
}

type slot struct {
	key uint64
	row int32
}

// NewTable makes a table for n entries.
func NewTable(n int) *Table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &Table{slots: make([]slot, size), mask: uint64(size - 1), zero: -1}
}

// Put sets the row of f.
func (t *Table) Put(f Feature, row int32) {
	if f == 0 {
		if t.zero < 0 {
			t.entries++
		}
		t.zero = row
		return
	}
	for i := uint64(f) & t.mask; ; i = (i + 1) & t.mask {
		switch s := &t.slots[i]; s.key {
		case 0:
			s.key, s.row = uint64(f), row
			t.entries++
			return
		case uint64(f):
			s.row = row
			return
		}
	}
}

// Get returns the row of f.
func (t *Table) Get(f Feature) (int32, bool) {
	if f == 0 {
		return t.zero, t.zero >= 0
	}
	for i := uint64(f) & t.mask; ; i = (i + 1) & t.mask {
		switch s := t.slots[i]; s.key {
		case 0:
			return 0, false
		case uint64(f):
			return s.row, true
		}
	}
}

// Len is the number of entries.
func (t *Table) Len() int { return t.entries }

// Each calls fn for every entry.
func (t *Table) Each(fn func(f Feature, row int32)) {
	if t.zero >= 0 {
		fn(0, t.zero)
	}
	for _, s := range t.slots {
		if s.key != 0 {
			fn(Feature(s.key), s.row)
		}
	}
}
