// Vue: <incentive-widget> rendered by a Vue component (render function: no
// template compiler, so no eval under the strict CSP). The participant is
// reactive state set as the element's property; Vue's `onEarningsChange`
// listens to the DOM event `earnings-change`; a method is called on the element.
import { createApp, h, ref } from "./vendor/vue.js";
import "../incentive-widget/incentive-widget.js";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "always" });

const Pay = {
  setup() {
    const who = ref("rep-ada");
    const log = ref("");
    const el = ref(null);
    const add = () =>
      el.value.upsertDeal({ id: "EMBED-1", type: "new", close_date: "2027-03-12", amount: "30000", owners: [{ participant: who.value, split: "1" }] });
    return () => [
      h("div", { class: "host-controls" }, [
        h("label", null, [
          "Person ",
          h("select", { id: "who", value: who.value, onChange: (e) => (who.value = e.target.value) }, [
            h("option", { value: "rep-ada" }, "Ada Park"),
            h("option", { value: "rep-ben" }, "Ben Ortiz"),
          ]),
        ]),
        h("button", { type: "button", id: "add", onClick: add }, "Add a $30,000 deal"),
        h("output", { id: "log", "aria-live": "polite" }, log.value),
      ]),
      h("incentive-widget", {
        id: "pay",
        ref: el,
        participant: who.value,
        locale: "en-US",
        "plan-src": "../sample/plan.json",
        "activity-src": "../sample/activity.json",
        onEarningsChange: (e) => (log.value = `earnings-change: ${money.format(e.detail.delta.earned)} earned`),
        onIncentiveLoad: (e) => (log.value = `incentive-load: ${e.detail.participant}`),
      }),
    ];
  },
};

createApp(Pay).mount("#app");
