package main

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestInTurnMirrorsTheOrder(t *testing.T) {
	var order []int
	runs, err := inTurn(3, func(i int) (measurement, error) {
		order = append(order, i)
		return measurement{elapsed: time.Duration(len(order)) * time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 1, 2, 2, 1, 0}; !slices.Equal(order, want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	// Each command's mean sits at the middle of the run: a drift linear in
	// time weighs on each alike.
	for i, ms := range runs {
		if got := mean(ms).elapsed; got != 3500*time.Millisecond {
			t.Errorf("command %d: mean %v of %v, want 3.5s", i, got, ms)
		}
	}
}

func TestInTurnRunsOneCommandOnce(t *testing.T) {
	calls := 0
	runs, err := inTurn(1, func(int) (measurement, error) { calls++; return measurement{}, nil })
	if err != nil || calls != 1 || len(runs) != 1 || len(runs[0]) != 1 {
		t.Fatalf("calls %d, runs %v, err %v", calls, runs, err)
	}
}

func TestInTurnStopsAtTheFirstError(t *testing.T) {
	calls := 0
	boom := errors.New("boom")
	_, err := inTurn(2, func(i int) (measurement, error) {
		calls++
		if i == 1 {
			return measurement{}, boom
		}
		return measurement{}, nil
	})
	if !errors.Is(err, boom) || calls != 2 {
		t.Fatalf("err %v after %d calls", err, calls)
	}
}

func TestMeanAndTimes(t *testing.T) {
	ms := []measurement{
		{elapsed: time.Second, cpu: 2 * time.Second, rss: 10, anon: 7},
		{elapsed: 3 * time.Second, cpu: 4 * time.Second, rss: 5, anon: 9},
	}
	m := mean(ms)
	if m.elapsed != 2*time.Second || m.cpu != 3*time.Second || m.rss != 10 || m.anon != 9 {
		t.Fatalf("mean %+v", m)
	}
	if got, want := times(ms), "2s wall, 3s CPU (mean of 1s and 3s wall, 2s and 4s CPU)"; got != want {
		t.Errorf("times: %q, want %q", got, want)
	}
	if got, want := times(ms[:1]), "1s wall, 2s CPU"; got != want {
		t.Errorf("times of one run: %q, want %q", got, want)
	}
}
