package graph

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestQueryMemoryIsBounded: a query that doubles a string is stopped with
// ErrMemory long before it takes the machine's memory; a small limit
// stops a smaller one, and a plain query runs.
func TestQueryMemoryIsBounded(t *testing.T) {
	s := OpenMemory(nil)
	defer s.Close()
	ctx := context.Background()
	_, err := s.Query(ctx, `var s = "x"; while (true) { s = s + s; }`, QueryOptions{Timeout: time.Minute})
	if !errors.Is(err, ErrMemory) {
		t.Errorf("doubling string: %v, want ErrMemory", err)
	}
	_, err = s.Query(ctx, `var a = []; for (var i = 0; i < 10000000; i++) { a.push({n: i}); }`, QueryOptions{Timeout: time.Minute, MaxMemory: 64 << 20})
	if !errors.Is(err, ErrMemory) {
		t.Errorf("10^7 objects under 64 MiB: %v, want ErrMemory", err)
	}
	if got, err := s.Query(ctx, `g.emit(1)`, QueryOptions{}); err != nil || len(got) != 1 {
		t.Errorf("plain query: %v %v", got, err)
	}
}
