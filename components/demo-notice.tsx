export function DemoNotice() {
  return (
    <div role="note" aria-label="Demo model notice" className="rounded-lg border border-amber-500/60 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-semibold">Demo model: replies are random text.</p>
      <p className="mt-1">
        This playground is running offline on a tiny Mixtral-shaped model with random weights that it generated itself,
        so you can try streaming, Stop and the parameters without a key. To talk to the real Mixtral, set{" "}
        <code>MODELSLAB_API_KEY</code> (ModelsLab), <code>OPENAI_BASE_URL</code> (Ollama, vLLM, llama.cpp server…) or{" "}
        <code>LOCAL_MODEL_PATH</code> (a Mixtral GGUF file) and restart the server.
      </p>
    </div>
  );
}
