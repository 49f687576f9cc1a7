package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one news article: its text and what a feed carries beside it.
type Article struct {
	// ID names the article within a corpus: the file name without its
	// extension, or the "id" field of a JSON Lines record. It must be unique
	// in one store; the article's IRI is derived from it.
	ID string
	// Text is the body of the article, front matter removed. All offsets
	// newskg reports are offsets into Text.
	Text string
	// Date is the publication date; the zero Time when unknown. Relative
	// dates in the text ("Tuesday", "last year") are resolved against it and
	// stay unresolved without it.
	Date   time.Time
	Title  string
	URL    string
	Source string // publisher or agency
}

// HasDate reports whether the publication date is known.
func (a *Article) HasDate() bool { return !a.Date.IsZero() }

// InputError describes bad input: which file, which line, what is wrong.
type InputError struct {
	Path string // file name as given
	Line int    // 1-based line, 0 when not tied to a line
	Err  error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// ErrEmpty is the error for an article without text.
var ErrEmpty = errors.New("article has no text")

// ParseDate parses a publication date: an ISO 8601 date ("2019-12-11") or an
// RFC 3339 timestamp ("2019-12-11T08:00:00Z"). Only the calendar date is kept.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q: want YYYY-MM-DD", s)
}

// ParseText reads an article from plain text with optional front matter
// (a block between "---" lines at the very start, of "key: value" lines with
// the keys date, source, url, title; other keys are ignored). The ID is the
// file name's stem. Errors are *InputError values naming path and line.
func ParseText(path string, data []byte) (Article, error) {
	a := Article{ID: stem(path)}
	if err := checkText(data); err != nil {
		return a, &InputError{Path: path, Line: lineOf(data, err.offset), Err: err}
	}
	text := string(data)
	text = strings.TrimPrefix(text, "\ufeff")
	if body, ok := strings.CutPrefix(text, "---\n"); ok || strings.HasPrefix(text, "---\r\n") {
		if !ok {
			body = text[len("---\r\n"):]
		}
		line := 1
		for {
			nl := strings.IndexByte(body, '\n')
			if nl < 0 {
				return a, &InputError{Path: path, Line: 1, Err: errors.New("front matter opened with --- is never closed")}
			}
			l := strings.TrimRight(body[:nl], "\r")
			body = body[nl+1:]
			line++
			if l == "---" {
				break
			}
			if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
				continue
			}
			key, val, found := strings.Cut(l, ":")
			if !found {
				return a, &InputError{Path: path, Line: line, Err: fmt.Errorf("front matter line %q is not \"key: value\"", l)}
			}
			val = stripComment(strings.TrimSpace(val))
			switch strings.ToLower(strings.TrimSpace(key)) {
			case "date":
				d, err := ParseDate(val)
				if err != nil {
					return a, &InputError{Path: path, Line: line, Err: err}
				}
				a.Date = d
			case "source":
				a.Source = val
			case "url":
				a.URL = val
			case "title":
				a.Title = val
			}
		}
		text = body
	}
	a.Text = text
	if strings.TrimSpace(a.Text) == "" {
		return a, &InputError{Path: path, Err: ErrEmpty}
	}
	return a, nil
}

// stripComment removes a trailing " # comment" from a front matter value.
func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 {
		return strings.TrimSpace(v[:i])
	}
	return v
}

// jsonArticle is one JSON Lines record.
type jsonArticle struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Text   string `json:"text"`
}

// MaxLineBytes bounds one JSON Lines record.
const MaxLineBytes = 64 << 20

// ReadJSONL reads JSON Lines, one article per line with the fields id, url,
// date, title, source and text, and calls fn for each in order. A line
// without an id gets "NAME-LINE" (the file's stem and the line number). It
// stops at the first bad line or the first error fn returns; errors about
// the input are *InputError values naming path and line.
func ReadJSONL(path string, r io.Reader, fn func(Article) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if err := checkText(b); err != nil {
			return &InputError{Path: path, Line: line, Err: err}
		}
		var ja jsonArticle
		dec := json.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(&ja); err != nil {
			return &InputError{Path: path, Line: line, Err: fmt.Errorf("bad JSON: %w", err)}
		}
		if dec.More() {
			return &InputError{Path: path, Line: line, Err: errors.New("more than one JSON value on the line")}
		}
		a := Article{ID: strings.TrimSpace(ja.ID), Text: ja.Text, Title: ja.Title, URL: ja.URL, Source: ja.Source}
		if a.ID == "" {
			a.ID = fmt.Sprintf("%s-%d", stem(path), line)
		}
		if ja.Date != "" {
			d, err := ParseDate(ja.Date)
			if err != nil {
				return &InputError{Path: path, Line: line, Err: err}
			}
			a.Date = d
		}
		if strings.TrimSpace(a.Text) == "" {
			return &InputError{Path: path, Line: line, Err: ErrEmpty}
		}
		if strings.ContainsRune(a.Text, 0) {
			return &InputError{Path: path, Line: line, Err: errors.New("text holds a NUL character")}
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return &InputError{Path: path, Line: line + 1, Err: fmt.Errorf("line longer than %d bytes", MaxLineBytes)}
		}
		return &InputError{Path: path, Line: line, Err: err}
	}
	return nil
}

// textError is a problem found at a byte offset of the input.
type textError struct {
	offset int
	msg    string
}

func (e *textError) Error() string { return e.msg }

// checkText rejects input that is not text: invalid UTF-8 or NUL bytes
// (binary files).
func checkText(b []byte) *textError {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return &textError{i, fmt.Sprintf("binary data (NUL byte at offset %d), not a text article", i)}
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return &textError{i, fmt.Sprintf("invalid UTF-8 at byte offset %d", i)}
		}
		i += n
	}
	return nil
}

// lineOf returns the 1-based line number of a byte offset.
func lineOf(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}

// stem returns the file name without directory and extensions (".txt",
// ".jsonl", ".gz").
func stem(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".gz", ".txt", ".jsonl", ".json", ".text"} {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}

// ReadPaths reads the articles in the given files and folders, in order,
// and calls fn for each: ".txt" files are one article each (see ParseText),
// ".jsonl" files hold one per line (see ReadJSONL); folders are walked
// recursively for such files in name order. A named file of another type is
// an error; other files in folders are passed over.
func ReadPaths(paths []string, fn func(Article) error) error {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			if err := readFile(p, fn); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !isArticleFile(path) {
				return nil
			}
			return readFile(path, fn)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func isArticleFile(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".jsonl")
}

func readFile(path string, fn func(Article) error) error {
	if !isArticleFile(path) {
		return &InputError{Path: path, Err: errors.New("not an article file: want .txt (one article) or .jsonl (one article a line)")}
	}
	if strings.HasSuffix(strings.ToLower(path), ".jsonl") {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		return ReadJSONL(path, f, fn)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	a, err := ParseText(path, data)
	if err != nil {
		return err
	}
	return fn(a)
}
