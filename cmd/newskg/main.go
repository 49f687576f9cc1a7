// Command newskg turns news articles into an RDF knowledge graph of who is
// involved, what happened and who said what, and queries it with Gizmo.
//
//	newskg build --db kg.db testdata/articles/
//	newskg query --db kg.db 'g.V().Has("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/newskg/ns#Claim>").All()'
//
// It is a thin layer over the extract and graph packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"

	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// usageError marks errors in how the command was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// run executes the command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	if err := app.RunContext(ctx, args); err != nil {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "newskg: interrupted")
			return 130 // as a shell reports a process stopped by Ctrl-C
		}
		fmt.Fprintf(stderr, "newskg: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "newskg",
		Usage: "turn news articles into an RDF knowledge graph and query it",
		Description: "newskg reads news articles (plain text with optional front matter, or JSON Lines),\n" +
			"finds people, organisations, places, events and claims, writes them as RDF under the\n" +
			"newskg ontology and keeps them in an embedded Cayley store that answers Gizmo queries.",
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		HideHelpCommand:      true,
		EnableBashCompletion: true,
		Version:              versionText(),
		OnUsageError: func(c *cli.Context, err error, isSub bool) error {
			return usageError{err.Error()}
		},
		ExitErrHandler: func(*cli.Context, error) {}, // run() reports errors
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a Go CPU profile of the command to `FILE` (for `go tool pprof`)"},
		},
		Before: startProfile,
		After:  stopProfile,
		Commands: []*cli.Command{
			extractCommand(),
			loadCommand(),
			buildCommand(),
			rmCommand(),
			queryCommand(),
			exportCommand(),
			dotCommand(),
			checkCommand(),
			completionCommand(),
			evalCommand(),
			trainCommand(),
			versionCommand(),
			ontologyCommand(),
		},
	}
	// no command, "help [CMD]" or an unknown command
	app.Action = func(c *cli.Context) error {
		switch {
		case c.NArg() == 0:
			return cli.ShowAppHelp(c)
		case c.Args().First() == "help" && c.NArg() == 1:
			return cli.ShowAppHelp(c)
		case c.Args().First() == "help":
			name := c.Args().Get(1)
			if app.Command(name) == nil {
				return usagef("help: no command %q (newskg --help lists them)", name)
			}
			return cli.ShowCommandHelp(c, name)
		}
		return usagef("unknown command %q (newskg --help lists them)", c.Args().First())
	}
	// a bad flag of a command: the message on stderr, exit status 2, not
	// the command's help on standard output
	for _, cmd := range app.Commands {
		cmd.OnUsageError = func(c *cli.Context, err error, isSub bool) error {
			return usageError{fmt.Sprintf("%s: %v (newskg help %s)", c.Command.Name, err, c.Command.Name)}
		}
	}
	return app
}

// startProfile starts the CPU profile --cpuprofile asks for.
func startProfile(c *cli.Context) error {
	path := c.String("cpuprofile")
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile %s: %w", path, err)
	}
	c.App.Metadata = map[string]any{"cpuprofile": f}
	return nil
}

// stopProfile ends the CPU profile startProfile began, if any.
func stopProfile(c *cli.Context) error {
	f, ok := c.App.Metadata["cpuprofile"].(*os.File)
	if !ok {
		return nil
	}
	pprof.StopCPUProfile()
	delete(c.App.Metadata, "cpuprofile")
	if err := f.Close(); err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	return nil
}
