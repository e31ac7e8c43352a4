"use client";

const FILE_BUTTON = "text-sm file:mr-2 file:rounded file:border file:border-line file:bg-bg file:px-2 file:py-1";

/**
 * A file picker for one file, labelled by a <label htmlFor={id}> beside it. The input is cleared
 * as soon as a file is taken, so the same file can be picked again after it is fixed.
 */
export function FileInput({ id, accept, onFile, className = "" }: { id: string; accept: string; onFile(file: File): void; className?: string }) {
  return (
    <input
      id={id}
      type="file"
      accept={accept}
      className={`${FILE_BUTTON} ${className}`}
      onChange={(e) => {
        const input = e.currentTarget;
        const file = input.files?.[0];
        input.value = "";
        if (file) onFile(file);
      }}
    />
  );
}
