// pagedjs-cli (a devDependency, for the benchmark) pulls in full Puppeteer, whose install
// step would download Chrome: this machine has no internet, and we use the system Chromium.
module.exports = { skipDownload: true }
