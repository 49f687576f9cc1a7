package ner

// table maps features to weight rows: open addressing with linear
// probing over 64-bit keys, faster to read than a map on the tagger's hot
// path. Key 0 marks an empty slot; the feature hash 0 is stored aside.
type table struct {
	keys    []uint64
	rows    []int32
	mask    uint64
	zero    int32 // row of feature 0, or -1
	entries int
}

func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1), zero: -1}
}

func (t *table) put(f feature, row int32) {
	if f == 0 {
		t.zero = row
		t.entries++
		return
	}
	for i := uint64(f) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.rows[i] = uint64(f), row
			t.entries++
			return
		case uint64(f):
			t.rows[i] = row
			return
		}
	}
}

func (t *table) get(f feature) (int32, bool) {
	if f == 0 {
		return t.zero, t.zero >= 0
	}
	for i := uint64(f) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case 0:
			return 0, false
		case uint64(f):
			return t.rows[i], true
		}
	}
}

// each calls fn for every entry.
func (t *table) each(fn func(f feature, row int32)) {
	if t.zero >= 0 {
		fn(0, t.zero)
	}
	for i, k := range t.keys {
		if k != 0 {
			fn(feature(k), t.rows[i])
		}
	}
}
