package repl

import (
	"errors"
	"strings"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"

	"github.com/klua/klua/runtime"
)

// chunkName stands for the file in messages, as in Lua's own REPL.
const chunkName = "stdin"

// chunk is one compiled input: an expression, whose values are printed,
// or statements, which just run.
type chunk struct {
	src   string
	proto *lua.FunctionProto
	expr  bool
}

// errIncomplete says the input may go on: the parser ran into the end of
// it (an open function, do, table, call or long string).
var errIncomplete = errors.New("incomplete input")

// compileInput compiles src as "return src" first, so that an expression
// prints its values, and as statements when that fails.
func compileInput(src string) (chunk, error) {
	if proto, err := compileString("return "+src, chunkName); err == nil {
		return chunk{src: src, proto: proto, expr: true}, nil
	}
	proto, err := compileString(src, chunkName)
	if err != nil {
		if atEOF(err) {
			return chunk{}, errIncomplete
		}
		return chunk{}, runtime.SyntaxError(err, chunkName)
	}
	return chunk{src: src, proto: proto}, nil
}

// compileString parses and compiles src. The newline makes a quoted
// string left open at the end of a line an error, as in Lua, and one
// whose line ends in a backslash (an escaped newline) go on.
func compileString(src, name string) (*lua.FunctionProto, error) {
	ast, err := parse.Parse(strings.NewReader(src+"\n"), name)
	if err != nil {
		return nil, err
	}
	return lua.Compile(ast, name)
}

func atEOF(err error) bool {
	var pe *parse.Error
	return errors.As(err, &pe) && pe.Pos.Line == parse.EOF
}

// isStatement reports whether src runs as statements on its own: a call
// does, a bare expression (x, pod.spec) does not. :save needs to know.
func isStatement(src string) bool {
	_, err := compileString(src, chunkName)
	return err == nil
}
