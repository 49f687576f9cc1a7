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
