// React: <incentive-widget> as a child component. The participant is React
// state passed as an attribute; events are listened to through a ref (they
// are DOM events with hyphens); a method is called on the element.
import { createRoot } from "react-dom/client";
import { useEffect, useRef, useState } from "react";
import "../incentive-widget/incentive-widget.js";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "always" });

function Pay() {
  const ref = useRef(null);
  const [who, setWho] = useState("rep-ada");
  const [log, setLog] = useState("");
  useEffect(() => {
    const el = ref.current;
    const change = (e) => setLog(`earnings-change: ${money.format(e.detail.delta.earned)} earned`);
    const load = (e) => setLog(`incentive-load: ${e.detail.participant}`);
    el.addEventListener("earnings-change", change);
    el.addEventListener("incentive-load", load);
    return () => {
      el.removeEventListener("earnings-change", change);
      el.removeEventListener("incentive-load", load);
    };
  }, []);
  const add = () =>
    ref.current.upsertDeal({ id: "EMBED-1", type: "new", close_date: "2027-03-12", amount: "30000", owners: [{ participant: who, split: "1" }] });
  return (
    <>
      <div className="host-controls">
        <label>
          Person{" "}
          <select id="who" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="rep-ada">Ada Park</option>
            <option value="rep-ben">Ben Ortiz</option>
          </select>
        </label>
        <button type="button" id="add" onClick={add}>Add a $30,000 deal</button>
        <output id="log" aria-live="polite">{log}</output>
      </div>
      <incentive-widget id="pay" ref={ref} participant={who} locale="en-US" plan-src="../sample/plan.json" activity-src="../sample/activity.json" />
    </>
  );
}

createRoot(document.querySelector("#app")).render(<Pay />);
