document.getElementById('app').textContent = 'trialcore';
