# Oracle for tst_pythonliteral: ast.literal_eval() of each JSON snippet on stdin,
# printed as repr() with set items sorted (so hash order cannot matter).
import ast, json, sys, warnings
warnings.simplefilter("ignore")
def canon(v):
    if isinstance(v, (set, frozenset)):
        return "{" + ", ".join(sorted(canon(x) for x in v)) + "}" if v else "set()"
    if isinstance(v, tuple):
        items = [canon(x) for x in v]
        return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if isinstance(v, list):
        return "[" + ", ".join(canon(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(canon(k) + ": " + canon(x) for k, x in v.items()) + "}"
    return repr(v)
out = []
for s in json.loads(sys.stdin.buffer.read().decode("utf-8")):
    try:
        out.append(canon(ast.literal_eval(s)))
    except SyntaxError:
        out.append("ERR:syntax")
    except (ValueError, TypeError):
        out.append("ERR:value")
print(json.dumps(out))
