package ner

import (
	"context"
	"fmt"
	"math/rand"
)

// Options set how a model is trained.
type Options struct {
	// Epochs is the number of passes over the data (default 10).
	Epochs int
	// Seed orders the sentences of each pass; the same seed gives the
	// same model.
	Seed int64
	// Orders is the number of sentence orders (seeds Seed, Seed+1, …) the
	// model is trained in; their averaged weights are averaged again, which
	// makes the model depend less on one order (default 1).
	Orders int
	// MinCount drops features seen fewer times in the data (default 1).
	MinCount int
	// Prune drops averaged weights smaller than this in magnitude
	// (default 0: keep all).
	Prune float64
	// Progress, when set, is called after each pass with the pass number
	// and the share of training tokens it tagged wrongly.
	Progress func(epoch int, errRate float64)
}

type example struct {
	feats [][]feature
	gold  []label
}

// Train learns a model from sentences with gold spans: an averaged
// structured perceptron (Collins 2002) with Viterbi decoding.
func Train(ctx context.Context, sents []Sentence, opt Options) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	exs := make([]example, 0, len(sents))
	count := map[feature]int{}
	for i, s := range sents {
		if len(s.Tokens) == 0 {
			continue
		}
		gold, err := encode(len(s.Tokens), s.Spans)
		if err != nil {
			return nil, fmt.Errorf("sentence %d: %w", i+1, err)
		}
		f := features(s.Tokens)
		for _, tf := range f {
			for _, x := range tf {
				count[x]++
			}
		}
		exs = append(exs, example{feats: f, gold: gold})
	}
	if len(exs) == 0 {
		return nil, fmt.Errorf("no training sentences")
	}
	rows := map[feature]int32{}
	for i := range exs { // rows in first-seen order: deterministic
		for ti, tf := range exs[i].feats {
			kept := tf[:0]
			for _, x := range tf {
				if count[x] < opt.MinCount {
					continue
				}
				if _, ok := rows[x]; !ok {
					rows[x] = int32(len(rows))
				}
				kept = append(kept, x)
			}
			exs[i].feats[ti] = kept
		}
	}
	count = nil
	if opt.Orders <= 1 {
		p, err := trainOrder(ctx, exs, rows, opt, opt.Seed)
		if err != nil {
			return nil, err
		}
		return p.average(rows, opt.Prune), nil
	}
	var sum *perceptron // the sum of each order's averaged weights, in w and tw
	for k := range opt.Orders {
		p, err := trainOrder(ctx, exs, rows, opt, opt.Seed+int64(k))
		if err != nil {
			return nil, err
		}
		if sum == nil {
			sum = newPerceptron(len(rows))
		}
		for i := range p.w {
			sum.w[i] += p.w[i] - p.u[i]/p.c
		}
		for i := range p.tw {
			sum.tw[i] += p.tw[i] - p.tu[i]/p.c
		}
	}
	n := float64(opt.Orders)
	for i := range sum.w {
		sum.w[i] /= n
	}
	for i := range sum.tw {
		sum.tw[i] /= n
	}
	return sum.average(rows, opt.Prune), nil // u and tu are zero: the average is w
}

// trainOrder trains a perceptron on exs, the sentences shuffled by seed
// before each pass.
func trainOrder(ctx context.Context, exs []example, rows map[feature]int32, opt Options, seed int64) (*perceptron, error) {
	p := newPerceptron(len(rows))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(seed))
	emit := make([]float32, 0, 256*nLabels)
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong, total := 0, 0
		for _, k := range order {
			ex := &exs[k]
			n := len(ex.gold)
			if cap(emit) < n*nLabels {
				emit = make([]float32, n*nLabels)
			}
			emit = emit[:n*nLabels]
			for i, tf := range ex.feats {
				p.emissions(rows, tf, emit[i*nLabels:(i+1)*nLabels])
			}
			pred := viterbi(n, emit, p.transF)
			p.c++
			for i := range pred {
				total++
				if pred[i] != ex.gold[i] {
					wrong++
					for _, x := range ex.feats[i] {
						r := int(rows[x])
						p.update(r, int(ex.gold[i]), 1)
						p.update(r, int(pred[i]), -1)
					}
				}
				pg, pp := -1, -1
				if i > 0 {
					pg, pp = int(ex.gold[i-1]), int(pred[i-1])
				}
				if pg != pp || pred[i] != ex.gold[i] {
					p.updateTrans(pg, int(ex.gold[i]), 1)
					p.updateTrans(pp, int(pred[i]), -1)
				}
			}
		}
		if opt.Progress != nil {
			opt.Progress(epoch, float64(wrong)/float64(max(total, 1)))
		}
	}
	return p, nil
}

// perceptron holds weights during training with the averaging trick of
// Daumé: the average is w - u/c, where u sums each update times the step
// at which it was made.
type perceptron struct {
	w, u           []float64
	tw, tu         []float64
	transF         [][]float32 // current transitions, for decoding
	c              float64
	wf             []float32 // current weights as float32, for decoding
	nFeat, nLabels int
}

func newPerceptron(nFeat int) *perceptron {
	p := &perceptron{
		w: make([]float64, nFeat*nLabels), u: make([]float64, nFeat*nLabels),
		wf: make([]float32, nFeat*nLabels),
		tw: make([]float64, (nLabels+1)*nLabels), tu: make([]float64, (nLabels+1)*nLabels),
		c: 1, nFeat: nFeat, nLabels: nLabels,
	}
	p.transF = make([][]float32, nLabels+1)
	for i := range p.transF {
		p.transF[i] = make([]float32, nLabels)
	}
	return p
}

func (p *perceptron) emissions(rows map[feature]int32, tf []feature, out []float32) {
	for k := range out {
		out[k] = 0
	}
	for _, x := range tf {
		r := int(rows[x])
		row := p.wf[r*nLabels : (r+1)*nLabels]
		for k, v := range row {
			out[k] += v
		}
	}
}

func (p *perceptron) update(row, lab int, d float64) {
	i := row*nLabels + lab
	p.w[i] += d
	p.u[i] += p.c * d
	p.wf[i] = float32(p.w[i])
}

func (p *perceptron) updateTrans(a, b int, d float64) {
	i := (a+1)*nLabels + b
	p.tw[i] += d
	p.tu[i] += p.c * d
	p.transF[a+1][b] = float32(p.tw[i])
}

func (p *perceptron) average(rows map[feature]int32, prune float64) *Model {
	m := &Model{rows: newWeights(len(rows)), trans: make([][]float32, nLabels+1)}
	for a := range m.trans {
		m.trans[a] = make([]float32, nLabels)
		for b := range m.trans[a] {
			i := a*nLabels + b
			m.trans[a][b] = float32(p.tw[i] - p.tu[i]/p.c)
		}
	}
	// rows in feature order so that the weights slice is deterministic
	keys := make([]feature, 0, len(rows))
	for f := range rows {
		keys = append(keys, f)
	}
	sortFeatures(keys)
	for _, f := range keys {
		r := int(rows[f])
		var row [nLabels]float32
		keep := false
		for k := range row {
			i := r*nLabels + k
			v := p.w[i] - p.u[i]/p.c
			if v > prune || v < -prune {
				row[k] = float32(v)
				keep = keep || row[k] != 0
			}
		}
		if keep {
			m.rows.put(f, row)
		}
	}
	return m
}
