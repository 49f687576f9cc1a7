package ner

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"testing"
)

// inventedTask makes sentences of an invented language where a capitalised
// word after "mr" is a person, two capitalised words after "at" are a
// place, and a capitalised word before "inc" is an organisation.
func inventedTask(n int, seed int64) []Sentence {
	rng := rand.New(rand.NewSource(seed))
	fillers := []string{"the", "walked", "quickly", "saw", "a", "dog", "then", "left"}
	name := func() string { return fmt.Sprintf("Z%c%c", 'a'+rng.Intn(26), 'a'+rng.Intn(26)) }
	var out []Sentence
	for range n {
		var s Sentence
		add := func(w string) { s.Tokens = append(s.Tokens, Token{Text: w, POS: "X"}) }
		for range 2 + rng.Intn(3) {
			add(fillers[rng.Intn(len(fillers))])
		}
		switch rng.Intn(3) {
		case 0:
			add("mr")
			s.Spans = append(s.Spans, Span{Start: len(s.Tokens), End: len(s.Tokens) + 1, Type: "PER"})
			add(name())
		case 1:
			add("at")
			s.Spans = append(s.Spans, Span{Start: len(s.Tokens), End: len(s.Tokens) + 2, Type: "LOC"})
			add(name())
			add(name())
		case 2:
			s.Spans = append(s.Spans, Span{Start: len(s.Tokens), End: len(s.Tokens) + 1, Type: "ORG"})
			add(name())
			add("inc")
		}
		add(fillers[rng.Intn(len(fillers))])
		out = append(out, s)
	}
	return out
}

func TestLearnsInventedTask(t *testing.T) {
	m, err := Train(context.Background(), inventedTask(300, 1), Options{Epochs: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	test := inventedTask(200, 2)
	right := 0
	for _, s := range test {
		if reflect.DeepEqual(m.Tag(s.Tokens), s.Spans) {
			right++
		}
	}
	if right < 195 {
		t.Errorf("%d of %d unseen sentences tagged exactly right, want >= 195", right, len(test))
	}
}

// TestOrdersAverage: a model averaged over several sentence orders learns
// the task as well, is the same bytes twice, and is not the model of its
// first order alone.
func TestOrdersAverage(t *testing.T) {
	data := inventedTask(300, 1)
	write := func(opt Options) []byte {
		m, err := Train(context.Background(), data, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		m.WriteTo(&b)
		return b.Bytes()
	}
	three := Options{Epochs: 5, Seed: 7, Orders: 3}
	a, b := write(three), write(three)
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings over three orders wrote different models")
	}
	if bytes.Equal(a, write(Options{Epochs: 5, Seed: 7})) {
		t.Fatal("three orders gave the model of one")
	}
	m, err := Read(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	test := inventedTask(200, 2)
	for _, s := range test {
		if reflect.DeepEqual(m.Tag(s.Tokens), s.Spans) {
			right++
		}
	}
	if right < 195 {
		t.Errorf("%d of %d unseen sentences tagged exactly right, want >= 195", right, len(test))
	}
}

func TestTrainingIsDeterministic(t *testing.T) {
	data := inventedTask(200, 3)
	var bufs [2]bytes.Buffer
	for i := range bufs {
		m, err := Train(context.Background(), data, Options{Epochs: 3, Seed: 11})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.WriteTo(&bufs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(bufs[0].Bytes(), bufs[1].Bytes()) {
		t.Fatal("two trainings on the same data and seed wrote different models")
	}
	m, err := Read(bytes.NewReader(bufs[0].Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if _, err := m.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), bufs[0].Bytes()) {
		t.Fatal("a model read back writes different bytes")
	}
}

func TestLabelsAlwaysLegal(t *testing.T) {
	// random emission scores: Viterbi must still give legal sequences
	rng := rand.New(rand.NewSource(5))
	trans := make([][]float32, nLabels+1)
	for i := range trans {
		trans[i] = make([]float32, nLabels)
		for j := range trans[i] {
			trans[i][j] = rng.Float32()*4 - 2
		}
	}
	for n := 1; n < 30; n++ {
		emit := make([]float32, n*nLabels)
		for i := range emit {
			emit[i] = rng.Float32()*10 - 5
		}
		labels := viterbi(n, emit, trans)
		prev := -1
		for _, l := range labels {
			if !legal(prev, int(l)) {
				t.Fatalf("n=%d: %v follows %v", n, l, label(max(prev, 0)))
			}
			prev = int(l)
		}
		if !legal(prev, -1) {
			t.Fatalf("n=%d: sequence ends open: %v", n, labels)
		}
	}
}

func TestEncodeDecode(t *testing.T) {
	spans := []Span{{0, 2, "PER"}, {3, 4, "LOC"}, {5, 8, "ORG"}}
	labels, err := encode(9, spans)
	if err != nil {
		t.Fatal(err)
	}
	if got := decode(labels); !reflect.DeepEqual(got, spans) {
		t.Fatalf("decode(encode) = %v, want %v", got, spans)
	}
	if _, err := encode(4, []Span{{0, 2, "PER"}, {1, 3, "ORG"}}); err == nil {
		t.Error("overlapping spans encoded without error")
	}
	if _, err := encode(4, []Span{{0, 2, "MISC"}}); err == nil {
		t.Error("unknown type encoded without error")
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	if _, err := Read(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Fatal("garbage read as a model")
	}
}
