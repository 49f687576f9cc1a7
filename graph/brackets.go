package graph

import (
	"fmt"
	"io"
)

// bracketCheck follows a Turtle document as it is read and reports a
// collection "(" or a blank node "[" that is never closed, or a closer
// that closes nothing: knakk/rdf's parser loads what came before such an
// error instead of refusing the file. It skips IRIs, strings (short and
// long) and comments.
type bracketCheck struct {
	line  int
	state byte // 0 normal, '#' comment, '<' IRI, 's' short string, 'l' long string, '1' '2' opening quotes
	quote byte // the quote character of the string being read
	run   int  // closing quotes seen in a row in a long string
	esc   bool // the previous byte was a backslash inside a string
	open  []struct {
		c    byte
		line int
	}
	err error
	// knakk/rdf's lexer panics, in a goroutine of its own where no
	// recover reaches, on a line that starts with "." and a digit (it
	// steps back two bytes before the line): such a line is refused
	lineStart, dotStart bool
	longStart           bool // the byte after a long string's opening quotes
}

func (b *bracketCheck) Write(p []byte) (int, error) {
	if b.line == 0 {
		b.line, b.lineStart = 1, true
	}
	for _, c := range p {
		if b.err != nil {
			break
		}
		b.byte(c)
	}
	return len(p), nil
}

func (b *bracketCheck) byte(c byte) {
	if b.dotStart && c >= '0' && c <= '9' {
		b.err = fmt.Errorf("%d: a line that starts with a decimal point (write 0.5, not .5) cannot be read", b.line)
		return
	}
	b.dotStart = b.lineStart && b.state == 0 && c == '.'
	b.lineStart = c == '\n'
	if c == '\n' {
		defer func() { b.line++ }()
	}
	switch b.state {
	case '#':
		if c == '\n' {
			b.state = 0
		}
		return
	case '<':
		if c == '>' {
			b.state = 0
		}
		return
	case '1': // one opening quote seen
		if c == b.quote {
			b.state = '2'
			return
		}
		b.state = 's'
		b.byte(c)
		return
	case '2': // two: a third opens a long string, else it was ""
		if c == b.quote {
			b.state, b.run, b.longStart = 'l', 0, true
			return
		}
		b.state = 0
		b.byte(c)
		return
	case 's', 'l':
		if b.longStart && c == b.quote {
			// knakk/rdf's lexer panics on a long string whose text starts
			// with its quote character ('""""x"""')
			b.err = fmt.Errorf("%d: a long string that starts with its own quote character cannot be read (escape it: \\%c)", b.line, c)
			return
		}
		b.longStart = false
		switch {
		case b.esc:
			b.esc = false
		case c == '\\':
			b.esc = true
			b.run = 0
		case c == b.quote && b.state == 's':
			b.state = 0
		case c == b.quote:
			if b.run++; b.run == 3 {
				b.state = 0
			}
		default:
			b.run = 0
		}
		return
	}
	switch c {
	case '#':
		b.state = '#'
	case '<':
		b.state = '<'
	case '"', '\'':
		b.state, b.quote = '1', c
	case '(', '[':
		b.open = append(b.open, struct {
			c    byte
			line int
		}{c, b.line})
	case ')', ']':
		want := byte('(')
		if c == ']' {
			want = '['
		}
		if n := len(b.open); n == 0 || b.open[n-1].c != want {
			b.err = fmt.Errorf("%d: %q closes nothing", b.line, c)
			return
		}
		b.open = b.open[:len(b.open)-1]
	}
}

// Err reports what the document left wrong, once it has been read whole.
func (b *bracketCheck) Err() error {
	if b.err != nil {
		return b.err
	}
	if n := len(b.open); n > 0 {
		o := b.open[n-1]
		return fmt.Errorf("%d: %q is never closed", o.line, o.c)
	}
	return nil
}

// guardedReader reads through a bracketCheck and stops, with its error,
// as soon as the check fails: the parser never sees what follows.
type guardedReader struct {
	r     io.Reader
	check *bracketCheck
}

func (g guardedReader) Read(p []byte) (int, error) {
	if g.check.err != nil {
		return 0, g.check.err
	}
	n, err := g.r.Read(p)
	g.check.Write(p[:n])
	if g.check.err != nil {
		return 0, g.check.err
	}
	return n, err
}
