package main

import "runtime/debug"

// A load allocates much short-lived garbage (parsed terms, Cayley's
// deltas, hashes and index lists): with the runtime's default GOGC of 100
// the collector took a fifth of its CPU. load runs it half as often, under
// a soft memory limit that keeps the heap bounded; GOGC and GOMEMLIMIT in
// the environment take precedence. (Measured side by side on 10^5 quads:
// 1.7-1.8 s of CPU against 2.2-2.6 s, peak RSS 155-169 MiB against
// 113-130 MiB. A build, whose extraction holds more of its heap live, was
// no faster, so it keeps the default.)
const (
	loadGCPercent  = 200
	loadMemoryGoal = 512 << 20 // bytes
)

// tuneGCForLoad sets the collector for load unless the user set GOGC or
// GOMEMLIMIT (getenv reads the environment).
func tuneGCForLoad(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(loadGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(loadMemoryGoal)
	}
}

// A build's heap holds the models, the articles in flight and one batch:
// 66-148 MB live at 16x the corpus (94 MB on average after a collection),
// but with the default collector the heap grew to twice its live
// size, and more as the store grew (anonymous RSS 498 MiB at 50,050
// articles). build collects under a soft limit of buildMemoryBase and
// buildMemoryPerWorker for each extraction worker over two, unless
// GOMEMLIMIT is set; the limit is soft: a heap that needs more gets it,
// and the collector then runs more often. (50,050 articles under it: peak
// anonymous RSS 323 MiB, 2,067 s of CPU against 1,902 s without it in an
// earlier run, not side by side.)
const (
	buildMemoryBase      = 320 << 20 // bytes
	buildMemoryPerWorker = 32 << 20
)

// tuneGCForBuild sets the collector's soft memory limit for a build with
// the given number of extraction workers, unless the user set GOMEMLIMIT.
func tuneGCForBuild(getenv func(string) string, workers int) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryBase + buildMemoryPerWorker*int64(max(0, workers-2)))
	}
}
