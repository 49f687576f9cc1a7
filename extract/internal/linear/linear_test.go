package linear

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"testing"
)

// invented: the class is the word's number modulo 3, seen through
// noise features.
func invented(n int, seed int64) []Example {
	rng := rand.New(rand.NewSource(seed))
	var out []Example
	for range n {
		v := rng.Intn(20)
		out = append(out, Example{
			Features: []Feature{Hash("bias"), Hash("w", fmt.Sprint(v)), Hash("noise", fmt.Sprint(rng.Intn(50)))},
			Class:    v % 3,
		})
	}
	return out
}

func TestMulticlassLearnsAndIsDeterministic(t *testing.T) {
	classes := []string{"a", "b", "c"}
	train := invented(600, 1)
	m, err := TrainMulticlass(context.Background(), train, classes, TrainOptions{Epochs: 5, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	test := invented(300, 2)
	scores := make([]float32, len(classes))
	for _, ex := range test {
		m.Scores(ex.Features, scores)
		best := 0
		for c := range scores {
			if scores[c] > scores[best] {
				best = c
			}
		}
		if best == ex.Class {
			right++
		}
	}
	if right < 290 {
		t.Errorf("%d of %d unseen examples right, want >= 290", right, len(test))
	}
	var a, b bytes.Buffer
	m.WriteTo(&a)
	m2, _ := TrainMulticlass(context.Background(), train, classes, TrainOptions{Epochs: 5, Seed: 3})
	m2.WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two trainings wrote different models")
	}
	back, err := ReadMulticlass(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if back.Fingerprint() != m.Fingerprint() || len(back.Classes) != 3 {
		t.Fatalf("model read back differs: %s vs %s, classes %v", back.Fingerprint(), m.Fingerprint(), back.Classes)
	}
	if _, err := ReadMulticlass(bytes.NewReader([]byte("junk"))); err == nil {
		t.Error("junk read as a model")
	}
}

func TestTable(t *testing.T) {
	tb := NewTable(3)
	keys := []Feature{0, 1, 17, 33, 1 << 63} // 0 is stored aside; 1, 17, 33 collide in 16 slots
	for i, k := range keys {
		tb.Put(k, int32(i))
	}
	for i, k := range keys {
		if r, ok := tb.Get(k); !ok || r != int32(i) {
			t.Errorf("Get(%d) = %d, %v; want %d", k, r, ok, i)
		}
	}
	if _, ok := tb.Get(2); ok {
		t.Error("Get of an absent key found it")
	}
	if tb.Len() != len(keys) {
		t.Errorf("Len %d, want %d", tb.Len(), len(keys))
	}
}

// TestMulticlassOrdersAverage: a model trained in two orders scores every
// example with the mean of the scores of the two models trained in one
// order each (seeds 3 and 4).
func TestMulticlassOrdersAverage(t *testing.T) {
	classes := []string{"a", "b", "c"}
	train := invented(600, 1)
	ctx := context.Background()
	both, err := TrainMulticlass(ctx, train, classes, TrainOptions{Epochs: 5, Seed: 3, Orders: 2})
	if err != nil {
		t.Fatal(err)
	}
	one, _ := TrainMulticlass(ctx, train, classes, TrainOptions{Epochs: 5, Seed: 3})
	other, _ := TrainMulticlass(ctx, train, classes, TrainOptions{Epochs: 5, Seed: 4})
	if one.Fingerprint() == other.Fingerprint() {
		t.Fatal("seeds 3 and 4 gave the same model: the test proves nothing")
	}
	s, s1, s2 := make([]float32, 3), make([]float32, 3), make([]float32, 3)
	for _, ex := range invented(100, 2) {
		both.Scores(ex.Features, s)
		one.Scores(ex.Features, s1)
		other.Scores(ex.Features, s2)
		for c := range s {
			if d := s[c] - (s1[c]+s2[c])/2; d > 1e-3 || d < -1e-3 {
				t.Fatalf("score %v, want the mean of %v and %v", s, s1, s2)
			}
		}
	}
}
