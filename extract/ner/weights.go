package ner

import "sort"

// weights maps a feature to its row of label weights: open addressing
// with linear probing, the row stored beside its key, so that a feature
// the model knows costs one cache line to read (a key and 13 weights make
// 60 bytes) and one it does not know usually costs the same line.
type weights struct {
	slots []wslot
	mask  uint64
	zero  *[nLabels]float32 // the row of feature 0, kept aside (0 marks an empty slot)
	n     int
}

type wslot struct {
	key uint64
	w   [nLabels]float32
}

func newWeights(n int) *weights {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &weights{slots: make([]wslot, size), mask: uint64(size - 1)}
}

// put sets the row of f; the table must have room (see newWeights).
func (t *weights) put(f feature, row [nLabels]float32) {
	if f == 0 {
		if t.zero == nil {
			t.n++
		}
		t.zero = &row
		return
	}
	for i := uint64(f) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == 0 {
			t.n++
			s.key, s.w = uint64(f), row
			return
		}
		if s.key == uint64(f) {
			s.w = row
			return
		}
	}
}

// get returns the row of f, or nil.
func (t *weights) get(f feature) *[nLabels]float32 {
	if f == 0 {
		return t.zero
	}
	for i := uint64(f) & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == uint64(f) {
			return &s.w
		}
		if s.key == 0 {
			return nil
		}
	}
}

// sortedKeys returns the features in increasing order.
func (t *weights) sortedKeys() []feature {
	keys := make([]feature, 0, t.n)
	if t.zero != nil {
		keys = append(keys, 0)
	}
	for i := range t.slots {
		if k := t.slots[i].key; k != 0 {
			keys = append(keys, feature(k))
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
