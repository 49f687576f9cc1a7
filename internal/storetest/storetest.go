// Package storetest gives tests a fresh PostgreSQL database on the server
// named by NEWSKG_PG_URL, so that the same store tests run against the
// embedded bolt store and PostgreSQL.
package storetest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/lib/pq" // the postgres driver
)

var seq atomic.Int64

// PostgresURL creates a new database on the test server and returns its
// URL; the database is dropped when the test ends. Without NEWSKG_PG_URL
// the test is skipped, except under CI (CI set), where .ci/run starts the
// server and the test fails instead.
func PostgresURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("NEWSKG_PG_URL")
	if admin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("NEWSKG_PG_URL is unset under CI: .ci/run starts PostgreSQL and sets it")
		}
		t.Skip("PostgreSQL tests skipped: set NEWSKG_PG_URL (eval \"$(bash .ci/postgres.sh start)\")")
	}
	name := fmt.Sprintf("newskg_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), seq.Add(1))
	db, err := sql.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		t.Fatalf("create test database: %v", err)
	}
	// runs after the test's own cleanups, which close the store
	t.Cleanup(func() {
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
