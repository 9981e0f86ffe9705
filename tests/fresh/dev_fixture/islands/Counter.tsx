import { useState } from "preact/hooks";

export default function Counter({ start }: { start: number }) {
  const [count, setCount] = useState(start);
  return <button type="button" onClick={() => setCount(count + 1)}>island one: {count}</button>;
}
