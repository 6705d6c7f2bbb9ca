// Plain HTML: the element's property set from a select, a method called
// from a button, its events written to the page.
await customElements.whenDefined("incentive-widget");
const pay = document.querySelector("#pay");
const log = document.querySelector("#log");
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "always" });

document.querySelector("#who").addEventListener("change", (e) => {
  pay.participant = e.target.value; // a property (it mirrors the attribute)
});
document.querySelector("#add").addEventListener("click", () => {
  pay.upsertDeal({ id: "EMBED-1", type: "new", close_date: "2027-03-12", amount: "30000", owners: [{ participant: pay.participant, split: "1" }] });
});
pay.addEventListener("earnings-change", (e) => {
  log.value = `earnings-change: ${money.format(e.detail.delta.earned)} earned`;
});
pay.addEventListener("incentive-load", (e) => {
  log.value = `incentive-load: ${e.detail.participant}`;
});
