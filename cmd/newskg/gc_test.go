package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestTuneGCForLoad: without GOGC and GOMEMLIMIT load collects at 200%
// and under 512 MiB; with them set, the user's settings
// stay.
func TestTuneGCForLoad(t *testing.T) {
	old := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetGCPercent(old)
	defer debug.SetMemoryLimit(oldLimit)

	tuneGCForLoad(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != loadGCPercent {
		t.Errorf("GC percent %d, want %d", got, loadGCPercent)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != loadMemoryGoal {
		t.Errorf("memory limit %d, want %d", got, loadMemoryGoal)
	}
	tuneGCForLoad(func(k string) string { return map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}[k] })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: limit changed to %d", got)
	}
}

// TestTuneGCForBuild: without GOMEMLIMIT a build collects under 320 MiB
// with two workers and 32 MiB more for each worker over two; with it set,
// the user's setting stays.
func TestTuneGCForBuild(t *testing.T) {
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(oldLimit)
	for workers, want := range map[int]int64{1: 320 << 20, 2: 320 << 20, 4: 384 << 20} {
		tuneGCForBuild(func(string) string { return "" }, workers)
		if got := debug.SetMemoryLimit(math.MaxInt64); got != want {
			t.Errorf("%d workers: memory limit %d MiB, want %d MiB", workers, got>>20, want>>20)
		}
	}
	tuneGCForBuild(func(k string) string { return map[string]string{"GOMEMLIMIT": "1GiB"}[k] }, 2)
	if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: limit changed to %d", got)
	}
}
