extension CELEvaluator {
    /// The Python side, run as `python3 -c script MODE ...` with cel-expr-python's API (`cel_expr_python.cel`):
    /// `version` prints `{"version": …}`; `evaluate FILE` reads `{"expressions": [...], "objects": [...]}` and prints
    /// one row per expression, one cell per object: `true`, `false`, `{"text": …}` (a string, as a
    /// `messageExpression` gives), or `{"error": …}` (it did not compile, failed to evaluate, or gave neither).
    static let script = #"""
        import importlib.metadata, json, sys
        from cel_expr_python import cel

        def evaluate(program, obj):
            try:
                result = program.eval(data={"object": obj})
            except Exception as e:
                return {"error": str(e)}
            if result.type() == cel.Type.BOOL:
                return result.value()
            if result.type() == cel.Type.STRING:
                return {"text": result.value()}
            if result.type() == cel.Type.ERROR:
                return {"error": str(result.value())}
            return {"error": "neither a boolean nor a string: %r" % (result.value(),)}

        def row(env, expression, objects):
            try:
                program = env.compile(expression)
            except Exception as e:
                return [{"error": "does not compile: %s" % e} for _ in objects]
            return [evaluate(program, obj) for obj in objects]

        if sys.argv[1] == "version":
            print(json.dumps({"version": importlib.metadata.version("cel-expr-python")}))
        else:
            with open(sys.argv[2]) as f:
                request = json.load(f)
            env = cel.NewEnv(variables={"object": cel.Type.DYN})
            print(json.dumps([row(env, e, request["objects"]) for e in request["expressions"]]))
        """#
}
