package linear

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
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
}

// TrainMulticlass learns a model with the averaged perceptron. The same
// examples and options give the same model.
func TrainMulticlass(ctx context.Context, exs []Example, classes []string, opt TrainOptions) (*Multiclass, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
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
	w := make([]float64, len(rows)*n)
	u := make([]float64, len(rows)*n)
	idx := make([]int, len(exs))
	for i := range idx {
		idx[i] = i
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	scores := make([]float64, n)
	step := 1.0
	for epoch := 0; epoch < opt.Epochs; epoch++ {
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
	m := &Multiclass{Classes: append([]string(nil), classes...), rows: NewTable(len(rows))}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	for _, f := range order {
		r := int(rows[f])
		row := make([]float32, n)
		keep := false
		for c := range row {
			row[c] = float32(w[r*n+c] - u[r*n+c]/step)
			keep = keep || row[c] != 0
		}
		if keep {
			m.rows.Put(f, int32(len(m.w)/n))
			m.w = append(m.w, row...)
		}
	}
	return m, nil
}

const multiclassMagic = "newskg-linear/1\n"

// WriteTo writes the model, gzip-compressed, features in order, so that
// equal models give equal bytes.
func (m *Multiclass) WriteTo(w io.Writer) (int64, error) {
	cw := &CountWriter{W: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	put := func(v any) {
		if err == nil {
			err = binary.Write(bw, binary.LittleEndian, v)
		}
	}
	bw.WriteString(multiclassMagic)
	head := m.Meta + "\n" + strings.Join(m.Classes, "\t")
	put(uint32(len(head)))
	bw.WriteString(head)
	keys := make([]Feature, 0, m.rows.Len())
	byFeature := make(map[Feature]int32, m.rows.Len())
	m.rows.Each(func(f Feature, r int32) { keys = append(keys, f); byFeature[f] = r })
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	n := len(m.Classes)
	put(uint32(len(keys)))
	for _, f := range keys {
		r := int(byFeature[f])
		put(uint64(f))
		put(m.w[r*n : (r+1)*n])
	}
	if err != nil {
		return cw.N, err
	}
	if err := bw.Flush(); err != nil {
		return cw.N, err
	}
	if err := zw.Close(); err != nil {
		return cw.N, err
	}
	return cw.N, nil
}

// ReadMulticlass reads a model written by WriteTo.
func ReadMulticlass(r io.Reader) (*Multiclass, error) {
	h := sha256.New()
	zr, err := gzip.NewReader(io.TeeReader(r, h))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(multiclassMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != multiclassMagic {
		return nil, errors.New("read model: not a newskg linear model")
	}
	get := func(v any) {
		if err == nil {
			err = binary.Read(br, binary.LittleEndian, v)
		}
	}
	var hn uint32
	get(&hn)
	if err != nil || hn > 1<<20 {
		return nil, fmt.Errorf("read model: bad header: %v", err)
	}
	head := make([]byte, hn)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	meta, classes, ok := strings.Cut(string(head), "\n")
	m := &Multiclass{Meta: meta, Classes: strings.Split(classes, "\t")}
	if !ok || len(m.Classes) < 2 {
		return nil, errors.New("read model: no classes")
	}
	var nf uint32
	get(&nf)
	if err != nil || nf > 1<<26 {
		return nil, fmt.Errorf("read model: bad feature count: %v", err)
	}
	n := len(m.Classes)
	m.rows = NewTable(int(nf))
	m.w = make([]float32, int(nf)*n)
	for i := 0; i < int(nf) && err == nil; i++ {
		var f uint64
		get(&f)
		get(m.w[i*n : (i+1)*n])
		m.rows.Put(Feature(f), int32(i))
	}
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	m.fp = hex.EncodeToString(h.Sum(nil)[:8])
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
