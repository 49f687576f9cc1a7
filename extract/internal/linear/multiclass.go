package linear

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"strings"
	"sync"
)

// Example is one training instance of a multiclass model.
type Example struct {
	Features []Feature
	Class    int
}

// Multiclass is a linear model with one weight per feature and class. It
// is read-only after training or reading and safe for concurrent use.
type Multiclass struct {
	Classes []string
	Meta    string
	rows    *Table
	w       []float32
	fpOnce  sync.Once
	fp      string
}

// Scores sets out[c] to the score of class c (len(out) == len(Classes)).
func (m *Multiclass) Scores(feats []Feature, out []float32) {
	n := len(m.Classes)
	for c := range out {
		out[c] = 0
	}
	for _, f := range feats {
		r, ok := m.rows.Get(f)
		if !ok {
			continue
		}
		for c, v := range m.w[int(r)*n : int(r+1)*n] {
			out[c] += v
		}
	}
}

// TrainOptions set how a multiclass model is trained.
type TrainOptions struct {
	Epochs int   // passes over the data (default 10)
	Seed   int64 // orders the examples of each pass
	// Orders is the number of models trained, each on its own order of
	// the examples (seeds Seed, Seed+1, …), whose weights are averaged:
	// a model that depends less on the order it saw the data in (default 1).
	Orders int
}

// TrainMulticlass learns a model with the averaged perceptron. The same
// examples and options give the same model.
func TrainMulticlass(ctx context.Context, exs []Example, classes []string, opt TrainOptions) (*Multiclass, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	opt.Orders = max(opt.Orders, 1)
	n := len(classes)
	if n < 2 || n > 64 {
		return nil, fmt.Errorf("a multiclass model needs 2 to 64 classes, not %d", n)
	}
	rows := map[Feature]int32{}
	var order []Feature
	for i, ex := range exs {
		if ex.Class < 0 || ex.Class >= n {
			return nil, fmt.Errorf("example %d: class %d of %d", i+1, ex.Class, n)
		}
		for _, f := range ex.Features {
			if _, ok := rows[f]; !ok {
				rows[f] = int32(len(rows))
				order = append(order, f)
			}
		}
	}
	if len(exs) == 0 {
		return nil, errors.New("no training examples")
	}
	avg := make([]float64, len(rows)*n)
	for o := 0; o < opt.Orders; o++ {
		w, err := perceptron(ctx, exs, rows, n, opt.Epochs, opt.Seed+int64(o))
		if err != nil {
			return nil, err
		}
		for i, v := range w {
			avg[i] += v / float64(opt.Orders)
		}
	}
	m := &Multiclass{Classes: append([]string(nil), classes...), rows: NewTable(len(rows))}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	for _, f := range order {
		r := int(rows[f])
		row := make([]float32, n)
		keep := false
		for c := range row {
			row[c] = float32(avg[r*n+c])
			keep = keep || row[c] != 0
		}
		if keep {
			m.rows.Put(f, int32(len(m.w)/n))
			m.w = append(m.w, row...)
		}
	}
	return m, nil
}

// perceptron runs the averaged perceptron over exs in the orders seed
// gives and returns its averaged weights, n per row of rows.
func perceptron(ctx context.Context, exs []Example, rows map[Feature]int32, n, epochs int, seed int64) ([]float64, error) {
	w := make([]float64, len(rows)*n)
	u := make([]float64, len(rows)*n)
	idx := make([]int, len(exs))
	for i := range idx {
		idx[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	scores := make([]float64, n)
	step := 1.0
	for epoch := 0; epoch < epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, k := range idx {
			ex := exs[k]
			for c := range scores {
				scores[c] = 0
			}
			for _, f := range ex.Features {
				r := int(rows[f])
				for c := range scores {
					scores[c] += w[r*n+c]
				}
			}
			pred := 0
			for c := 1; c < n; c++ {
				if scores[c] > scores[pred] {
					pred = c
				}
			}
			if pred != ex.Class {
				for _, f := range ex.Features {
					r := int(rows[f])
					w[r*n+ex.Class]++
					u[r*n+ex.Class] += step
					w[r*n+pred]--
					u[r*n+pred] -= step
				}
			}
			step++
		}
	}
	for i := range w {
		w[i] -= u[i] / step
	}
	return w, nil
}

const multiclassMagic = "newskg-linear/1\n"

// WriteTo writes the model, gzip-compressed, features in order, so that
// equal models give equal bytes.
func (m *Multiclass) WriteTo(w io.Writer) (int64, error) {
	e := NewEncoder(w, multiclassMagic)
	e.PutString(m.Meta + "\n" + strings.Join(m.Classes, "\t"))
	keys := m.rows.SortedKeys()
	n := len(m.Classes)
	e.Put(uint32(len(keys)))
	for _, f := range keys {
		r, _ := m.rows.Get(f)
		e.Put(uint64(f))
		e.Put(m.w[int(r)*n : int(r+1)*n])
	}
	return e.Close()
}

// ReadMulticlass reads a model written by WriteTo.
func ReadMulticlass(r io.Reader) (*Multiclass, error) {
	d, err := NewDecoder(r, multiclassMagic, "linear model")
	if err != nil {
		return nil, err
	}
	meta, classes, ok := strings.Cut(d.GetString(1<<20), "\n")
	m := &Multiclass{Meta: meta, Classes: strings.Split(classes, "\t")}
	if d.Err() == nil && (!ok || len(m.Classes) < 2) {
		return nil, errors.New("read model: no classes")
	}
	nf := d.Count(1 << 26)
	if d.Err() != nil {
		nf = 0
	}
	n := len(m.Classes)
	m.rows = NewTable(nf)
	m.w = make([]float32, nf*n)
	for i := 0; i < nf && d.Err() == nil; i++ {
		var f uint64
		d.Get(&f)
		d.Get(m.w[i*n : (i+1)*n])
		m.rows.Put(Feature(f), int32(i))
	}
	if m.fp, err = d.Close(); err != nil {
		return nil, err
	}
	return m, nil
}

// Fingerprint identifies the model: a hash of its bytes.
func (m *Multiclass) Fingerprint() string {
	m.fpOnce.Do(func() {
		if m.fp == "" {
			h := sha256.New()
			m.WriteTo(h)
			m.fp = hex.EncodeToString(h.Sum(nil)[:8])
		}
	})
	return m.fp
}

// CountWriter counts the bytes written through it.
type CountWriter struct {
	W io.Writer
	N int64
}

func (c *CountWriter) Write(p []byte) (int, error) {
	n, err := c.W.Write(p)
	c.N += int64(n)
	return n, err
}
