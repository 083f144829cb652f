// What does not fit the screen's width: the main area scrolling sideways, a tab out of sight,
// or anything drawn past the right edge that is not inside a box of its own that scrolls
// sideways (a data grid). Only the outermost such element is named. Returns the problems.
(() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const edge = document.documentElement.clientWidth + 1;
    const name = el => (el.dataset.testid || el.tagName.toLowerCase()) + ': '
        + (el.innerText || '').trim().slice(0, 60);
    const problems = [];
    if (main.scrollWidth > main.clientWidth + 1) {
        problems.push(`the page scrolls sideways: ${main.scrollWidth} px of content in ${main.clientWidth} px`);
    }
    for (const list of main.querySelectorAll('[role="tablist"]')) {
        const box = list.getBoundingClientRect();
        for (const tab of list.querySelectorAll('[role="tab"]')) {
            const r = tab.getBoundingClientRect();
            if (r.left < box.left - 1 || r.right > Math.min(box.right, edge)) {
                problems.push(`tab out of sight: ${name(tab)}`);
            }
        }
    }
    const scrollsOwnBox = el => {
        for (let box = el.parentElement; box && box !== main; box = box.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
                return box.getBoundingClientRect().right <= edge;
            }
        }
        return false;
    };
    const reported = [];
    for (const el of main.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2 || r.right <= edge || reported.some(outer => outer.contains(el))) continue;
        if (scrollsOwnBox(el)) continue;
        reported.push(el);
        problems.push(`past the right edge (${Math.round(r.right)} px > ${edge - 1} px): ${name(el)}`);
    }
    return problems;
})
