// A Node.js script: `rgrid run examples/hello.js --runtime node20`
console.log(`Hello from RGrid! Node ${process.version}`);
console.log(`Arguments: ${JSON.stringify(process.argv.slice(2))}`);
