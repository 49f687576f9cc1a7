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
