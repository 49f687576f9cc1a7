package ner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/newskg/newskg/extract/internal/linear"
	"io"
	"math"
	"sort"
	"sync"
)

// Model is a trained tagger. It is read-only after training or loading
// and safe for concurrent use.
type Model struct {
	// rows maps a feature to its weights, one per label.
	rows *weights
	// trans[a+1][b] scores label b after label a; a = -1 is the start.
	trans [][]float32
	// Meta describes how the model was made (data, options, figures); it
	// is stored with the weights.
	Meta string

	fpOnce sync.Once
	fp     string
}

// Fingerprint identifies the model: a hash of its bytes as WriteTo writes
// them.
func (m *Model) Fingerprint() string {
	m.fpOnce.Do(func() {
		if m.fp != "" {
			return
		}
		h := sha256.New()
		m.WriteTo(h)
		m.fp = hex.EncodeToString(h.Sum(nil)[:8])
	})
	return m.fp
}

func (m *Model) emissions(feats []feature, out []float32) {
	for k := range out {
		out[k] = 0
	}
	out = out[:nLabels]
	for _, f := range feats {
		if row := m.rows.get(f); row != nil {
			for k, v := range row {
				out[k] += v
			}
		}
	}
}

// Tag returns the entity spans of a sentence.
func (m *Model) Tag(toks []Token) []Span {
	if len(toks) == 0 {
		return nil
	}
	ws := words(toks)
	emit := make([]float32, len(toks)*nLabels)
	buf := make([]feature, 0, 64)
	for i := range toks {
		buf = tokenFeatures(buf[:0], ws, i)
		m.emissions(buf, emit[i*nLabels:(i+1)*nLabels])
	}
	return decode(viterbi(len(toks), emit, m.trans))
}

var negInf = float32(math.Inf(-1))

// allowed[a+1] lists the labels that may follow label a (a = -1: the
// start); final[b] tells whether a sentence may end with b.
var allowed, final = func() ([][]int8, []bool) {
	al := make([][]int8, nLabels+1)
	fi := make([]bool, nLabels)
	for a := -1; a < nLabels; a++ {
		for b := 0; b < nLabels; b++ {
			if legal(a, b) {
				al[a+1] = append(al[a+1], int8(b))
			}
		}
	}
	for b := range fi {
		fi[b] = legal(b, -1)
	}
	return al, fi
}()

// viterbi decodes over emission scores and a transition matrix.
func viterbi(n int, emit []float32, trans [][]float32) []label {
	score := make([]float32, n*nLabels)
	back := make([]int8, n*nLabels)
	for b := range score[:nLabels] {
		score[b] = negInf
	}
	for _, b := range allowed[0] {
		score[b] = emit[b] + trans[0][b]
	}
	for i := 1; i < n; i++ {
		cur := score[i*nLabels : (i+1)*nLabels]
		for b := range cur {
			cur[b] = negInf
		}
		prev := score[(i-1)*nLabels : i*nLabels]
		for a, s := range prev {
			if s == negInf {
				continue
			}
			row := trans[a+1]
			for _, b := range allowed[a+1] {
				if v := s + row[b]; v > cur[b] {
					cur[b] = v
					back[i*nLabels+int(b)] = int8(a)
				}
			}
		}
		for b := range cur {
			if cur[b] != negInf {
				cur[b] += emit[i*nLabels+b]
			}
		}
	}
	best, arg := negInf, 0
	for b := 0; b < nLabels; b++ {
		if s := score[(n-1)*nLabels+b]; s != negInf && final[b] && (s > best || best == negInf) {
			best, arg = s, b
		}
	}
	out := make([]label, n)
	for i := n - 1; i >= 0; i-- {
		out[i] = label(arg)
		arg = int(back[i*nLabels+arg])
	}
	return out
}

const magic = "newskg-ner/1\n"

// WriteTo writes the model, gzip-compressed, with features in a fixed
// order so that equal models give equal bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	e := linear.NewEncoder(w, magic)
	e.PutString(m.Meta)
	e.Put(uint32(nLabels))
	for _, row := range m.trans {
		e.Put(row)
	}
	keys := m.rows.sortedKeys()
	e.Put(uint32(len(keys)))
	for _, f := range keys {
		row := m.rows.get(f)
		var mask uint16
		for k, v := range row {
			if v != 0 {
				mask |= 1 << k
			}
		}
		e.Put(uint64(f))
		e.Put(mask)
		for _, v := range row {
			if v != 0 {
				e.Put(v)
			}
		}
	}
	return e.Close()
}

func sortFeatures(fs []feature) { sort.Slice(fs, func(i, j int) bool { return fs[i] < fs[j] }) }

// Read reads a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	d, err := linear.NewDecoder(r, magic, "tagger model")
	if err != nil {
		return nil, err
	}
	m := &Model{Meta: d.GetString(1 << 20), trans: make([][]float32, nLabels+1)}
	if labels := d.Count(64); d.Err() == nil && labels != nLabels {
		return nil, fmt.Errorf("read model: %d labels, this tagger has %d", labels, nLabels)
	}
	for i := range m.trans {
		m.trans[i] = make([]float32, nLabels)
		d.Get(m.trans[i])
	}
	nf := d.Count(1 << 26)
	if d.Err() != nil {
		nf = 0
	}
	m.rows = newWeights(nf)
	for i := 0; i < nf && d.Err() == nil; i++ {
		var f uint64
		var mask uint16
		var row [nLabels]float32
		d.Get(&f)
		d.Get(&mask)
		for k := 0; k < nLabels; k++ {
			if mask&(1<<k) != 0 {
				d.Get(&row[k])
			}
		}
		m.rows.put(feature(f), row)
	}
	if m.fp, err = d.Close(); err != nil {
		return nil, err
	}
	return m, nil
}
