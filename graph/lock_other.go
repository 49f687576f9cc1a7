//go:build !unix

package graph

import (
	"os"
	"time"
)

// lockShared is a no-op where bolt's file locks are not flock(2).
func lockShared(f *os.File, timeout time.Duration) error { return nil }
